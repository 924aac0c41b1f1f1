//! Reading PFX files protected by the *absent* empty password.
//!
//! PKCS#12 turns a password into key material from its UTF-16 form, and an empty password has
//! two encodings: the empty string with its two-byte terminator (`00 00`, what OpenSSL's
//! `-passout pass:` and p12-keystore use), or no bytes at all (a null password, what .NET writes
//! into its CurrentUser\My store on Linux). OpenSSL and .NET try both; p12-keystore can only
//! express the first, so the second is read here, after the MAC has proved it is the right one.

use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use der::asn1::{ContextSpecific, OctetString};
use der::{Decode, Encode};
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{derive_key, Pkcs12KeyType};
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeContents;
use pkcs12::{CertBag, MacData};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

/// The same iteration ceiling p12-keystore applies, so hostile files cannot make us spin.
const MAX_ITERATIONS: i32 = 1_000_000;
const NO_PASSWORD: &[u8] = &[];

type Archive = p12_keystore::Pkcs12Archive;

/// Reads `bytes` with the null password into the same archive p12-keystore returns. `None` when
/// the file's MAC does not verify with it (so it is not such a file); `Some(Err(why))` when it
/// verifies but cannot be decoded.
pub fn read(bytes: &[u8]) -> Option<Result<Archive, String>> {
    let pfx = Pfx::from_der(bytes).ok()?;
    let content = pfx.auth_safe.content.value();
    if !mac_verifies(pfx.mac_data.as_ref()?, content) {
        return None;
    }
    Some(decode_auth_safe(content))
}

fn mac_verifies(mac: &MacData, content: &[u8]) -> bool {
    if mac.iterations > MAX_ITERATIONS || mac.iterations < 1 {
        return false;
    }
    let salt = mac.mac_salt.as_bytes();
    let expected = mac.mac.digest.as_bytes();
    match mac.mac.algorithm.oid {
        const_oid::db::rfc5912::ID_SHA_1 => {
            let key =
                derive_key::<sha1::Sha1>(NO_PASSWORD, salt, Pkcs12KeyType::Mac, mac.iterations, 20);
            hmac_verifies::<hmac::Hmac<sha1::Sha1>>(&key, content, expected)
        }
        const_oid::db::rfc5912::ID_SHA_256 => {
            let key = derive_key::<sha2::Sha256>(
                NO_PASSWORD,
                salt,
                Pkcs12KeyType::Mac,
                mac.iterations,
                32,
            );
            hmac_verifies::<hmac::Hmac<sha2::Sha256>>(&key, content, expected)
        }
        _ => false,
    }
}

fn hmac_verifies<M: Mac + KeyInit>(key: &[u8], content: &[u8], expected: &[u8]) -> bool {
    let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) else {
        return false;
    };
    mac.update(content);
    mac.verify_slice(expected).is_ok()
}

/// `content` is the authSafe OCTET STRING's contents: the DER of the AuthenticatedSafe.
fn decode_auth_safe(content: &[u8]) -> Result<Archive, String> {
    let safes = Vec::<ContentInfo>::from_der(content).map_err(|e| e.to_string())?;
    let mut found = Archive::default();
    for safe in safes {
        let plain = safe_contents_bytes(&safe)?;
        collect_bags(&plain, &mut found)?;
    }
    Ok(found)
}

fn safe_contents_bytes(safe: &ContentInfo) -> Result<Zeroizing<Vec<u8>>, String> {
    let inner = safe.content.to_der().map_err(|e| e.to_string())?;
    match safe.content_type {
        const_oid::db::rfc5911::ID_DATA => Ok(Zeroizing::new(
            OctetString::from_der(&inner)
                .map_err(|e| e.to_string())?
                .into_bytes()
                .into_vec(),
        )),
        const_oid::db::rfc5911::ID_ENCRYPTED_DATA => {
            let encrypted = EncryptedData::from_der(&inner).map_err(|e| e.to_string())?;
            let info = encrypted.enc_content_info;
            match info.encrypted_content {
                Some(data) => decrypt(&info.content_enc_alg, data.as_bytes()),
                None => Ok(Zeroizing::new(Vec::new())),
            }
        }
        other => Err(format!("unsupported content type {other}")),
    }
}

fn collect_bags(plain: &[u8], found: &mut Archive) -> Result<(), String> {
    for bag in SafeContents::from_der(plain).map_err(|e| e.to_string())? {
        let (friendly_name, local_key_id) = bag_attributes(&bag);
        let key_der = match bag.bag_id {
            pkcs12::PKCS_12_CERT_BAG_OID => {
                let cert = ContextSpecific::<CertBag>::from_der(&bag.bag_value)
                    .map_err(|e| e.to_string())?;
                found.certs.push(p12_keystore::CertificateBag {
                    friendly_name,
                    local_key_id,
                    trusted: false,
                    cert: p12_keystore::Certificate::from_der(cert.value.cert_value.as_bytes())
                        .map_err(|e| e.to_string())?,
                });
                continue;
            }
            pkcs12::PKCS_12_PKCS8_KEY_BAG_OID => {
                let shrouded = ContextSpecific::<EncryptedPrivateKeyInfo>::from_der(&bag.bag_value)
                    .map_err(|e| e.to_string())?;
                decrypt(
                    &shrouded.value.encryption_algorithm,
                    shrouded.value.encrypted_data.as_bytes(),
                )?
            }
            pkcs12::PKCS_12_KEY_BAG_OID => {
                let any = ContextSpecific::<der::Any>::from_der(&bag.bag_value)
                    .map_err(|e| e.to_string())?;
                Zeroizing::new(any.value.to_der().map_err(|e| e.to_string())?)
            }
            _ => continue,
        };
        found.keys.push(p12_keystore::PrivateKeyBag {
            friendly_name,
            local_key_id: local_key_id.map(Into::into),
            key: p12_keystore::PrivateKey::from_der(&key_der).map_err(|e| e.to_string())?,
        });
    }
    Ok(())
}

/// friendlyName and localKeyId, which tie a key to its certificate in some producers' files.
fn bag_attributes(bag: &pkcs12::safe_bag::SafeBag) -> (Option<String>, Option<Vec<u8>>) {
    let value = |oid| {
        bag.bag_attributes
            .as_ref()?
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
            .and_then(|v| v.to_der().ok())
    };
    let name = value(const_oid::db::rfc2985::PKCS_9_AT_FRIENDLY_NAME)
        .and_then(|d| der::asn1::BmpString::from_der(&d).ok())
        .map(|b| b.to_string());
    let id = value(const_oid::db::rfc2985::PKCS_9_AT_LOCAL_KEY_ID)
        .and_then(|d| OctetString::from_der(&d).ok())
        .map(|o| o.as_bytes().to_vec());
    (name, id)
}

fn decrypt(alg: &AlgorithmIdentifierOwned, data: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    let params = alg
        .parameters
        .as_ref()
        .ok_or("encryption parameters missing")?
        .to_der()
        .map_err(|e| e.to_string())?;
    match alg.oid {
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => {
            pbes1::<des::TdesEde3>(&params, data, 24)
        }
        pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC => pbes1::<rc2::Rc2>(&params, data, 5),
        pkcs5::pbes2::PBES2_OID => {
            let params = pkcs5::pbes2::Parameters::from_der(&params).map_err(|e| e.to_string())?;
            if let pkcs5::pbes2::Kdf::Pbkdf2(kdf) = &params.kdf {
                if kdf.iteration_count > MAX_ITERATIONS as u32 {
                    return Err("more than 1,000,000 iterations".into());
                }
            } else {
                return Err("only PBKDF2 is supported with PBES2".into());
            }
            // PBES2 feeds the password's UTF-8 bytes to PBKDF2: empty either way.
            params
                .decrypt(NO_PASSWORD, data)
                .map(Zeroizing::new)
                .map_err(|e| e.to_string())
        }
        other => Err(format!("unsupported encryption {other}")),
    }
}

fn pbes1<C>(params: &[u8], data: &[u8], key_len: usize) -> Result<Zeroizing<Vec<u8>>, String>
where
    C: cbc::cipher::BlockCipherDecrypt + KeyInit,
{
    use cbc::cipher::{block_padding::Pkcs7, BlockModeDecrypt, KeyIvInit};
    let params =
        pkcs12::pbe_params::Pkcs12PbeParams::from_der(params).map_err(|e| e.to_string())?;
    if params.iterations > MAX_ITERATIONS || params.iterations < 1 {
        return Err("iteration count out of range".into());
    }
    let salt = params.salt.as_bytes();
    let key = Zeroizing::new(derive_key::<sha1::Sha1>(
        NO_PASSWORD,
        salt,
        Pkcs12KeyType::EncryptionKey,
        params.iterations,
        key_len,
    ));
    let iv = derive_key::<sha1::Sha1>(NO_PASSWORD, salt, Pkcs12KeyType::Iv, params.iterations, 8);
    let cipher = cbc::Decryptor::<C>::new_from_slices(&key, &iv).map_err(|e| e.to_string())?;
    cipher
        .decrypt_padded_vec::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| "decryption failed (bad padding)".to_string())
}
