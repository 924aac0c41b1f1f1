//! RSA keys: facts shared by certificates and private keys, and the private key itself.
//!
//! A private key is kept as its PKCS#8 DER in a zeroizing buffer and parsed with `der` (not
//! aws-lc-rs), so that keys aws-lc-rs refuses to load (RSA-1024 in an old PFX) can still be
//! matched to their certificate and reported instead of failing the whole file.

use der::asn1::{ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Encode, Reader, Sequence};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use crate::certificate::Certificate;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}

/// The leading fields of PKCS#1 RSAPrivateKey; the private fields are never copied out.
struct RsaPrivatePrefix<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}

/// Bit length of the modulus of a PKCS#1 RSAPublicKey, or None when the bytes are not one.
pub fn rsa_modulus_bits(rsa_public_key_der: &[u8]) -> Option<usize> {
    let key = RsaPublicKey::from_der(rsa_public_key_der).ok()?;
    modulus_bits(key.modulus.as_bytes())
}

fn modulus_bits(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.first()?;
    Some(bytes.len() * 8 - first.leading_zeros() as usize)
}

/// An RSA private key, held as unencrypted PKCS#8 DER that is wiped from memory on drop.
#[derive(Clone)]
pub struct PrivateKey {
    pkcs8: Zeroizing<Vec<u8>>,
    /// PKCS#1 RSAPublicKey DER (modulus, exponent), as in a certificate's subjectPublicKey.
    public_key: Vec<u8>,
    bits: usize,
}

// Never print key bytes, even in debug logs.
impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &"RSA")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// Reads unencrypted PKCS#8 (`PRIVATE KEY`). The error text says what is wrong; callers add
    /// the path.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, String> {
        let (oid, pkcs1) = pkcs8_parts(der)?;
        if oid != RSA_ENCRYPTION {
            return Err(format!(
                "the private key is not RSA (algorithm {oid}); Entra certificate credentials and \
                 certkit use RSA keys"
            ));
        }
        let (public_key, bits) = rsa_public_from_pkcs1(pkcs1)?;
        Ok(PrivateKey {
            pkcs8: Zeroizing::new(der.to_vec()),
            public_key,
            bits,
        })
    }

    /// Reads PKCS#1 RSAPrivateKey (`RSA PRIVATE KEY`) and wraps it as PKCS#8.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, String> {
        rsa_public_from_pkcs1(der)?;
        // Zeroizing: the wrapped copy holds the private exponent too.
        let pkcs8 = Zeroizing::new(wrap_pkcs1(der)?);
        Self::from_pkcs8_der(&pkcs8)
    }

    /// Reads the private key in PEM text: `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY`. Text
    /// around the block is ignored; a second key is refused rather than ignored.
    pub fn from_pem(text: &str) -> Result<Self, String> {
        let blocks = crate::pem::blocks(text)?;
        let mut keys = blocks.iter().filter(|b| b.label.ends_with("PRIVATE KEY"));
        let block = keys.next().ok_or("no PRIVATE KEY block found")?;
        if keys.next().is_some() {
            return Err("more than one private key in the text; give one".into());
        }
        Self::from_pem_block(&block.label, block.is_encrypted(), &block.der)
    }

    /// Reads one decoded PEM block whose label ends in `PRIVATE KEY`.
    pub(crate) fn from_pem_block(label: &str, encrypted: bool, der: &[u8]) -> Result<Self, String> {
        match label {
            _ if encrypted || label == "ENCRYPTED PRIVATE KEY" => Err(format!(
                "the {label} is encrypted with a password; decrypt it first \
                 (openssl pkey -in KEY.pem -out plain.pem) or use a PFX"
            )),
            "PRIVATE KEY" => Self::from_pkcs8_der(der),
            "RSA PRIVATE KEY" => Self::from_pkcs1_der(der),
            other => Err(format!(
                "{other} is not an RSA key; Entra certificate credentials and certkit use RSA keys"
            )),
        }
    }

    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// `-----BEGIN PRIVATE KEY-----` text.
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        Zeroizing::new(crate::pem::encode("PRIVATE KEY", &self.pkcs8))
    }

    /// `-----BEGIN RSA PRIVATE KEY-----` text, for tools that want the traditional form.
    pub fn to_pkcs1_pem(&self) -> Zeroizing<String> {
        let (_, pkcs1) = pkcs8_parts(&self.pkcs8).expect("checked when the key was read");
        Zeroizing::new(crate::pem::encode("RSA PRIVATE KEY", pkcs1))
    }

    /// PKCS#1 RSAPublicKey DER: the same bytes as a certificate's `public_key_bits()`.
    pub fn public_key_der(&self) -> &[u8] {
        &self.public_key
    }

    pub fn rsa_bits(&self) -> usize {
        self.bits
    }

    /// True when the certificate carries this key's public half (modulus and exponent compared
    /// as numbers, so a non-minimal encoding in either does not hide a match).
    pub fn public_key_matches(&self, cert: &Certificate) -> bool {
        let (Ok(ours), Ok(theirs)) = (
            RsaPublicKey::from_der(&self.public_key),
            RsaPublicKey::from_der(cert.public_key_bits()),
        ) else {
            return false;
        };
        ours.modulus == theirs.modulus && ours.public_exponent == theirs.public_exponent
    }
}

/// The algorithm OID and the privateKey OCTET STRING contents of PKCS#8 (v1 or v2).
fn pkcs8_parts(der: &[u8]) -> Result<(ObjectIdentifier, &[u8]), String> {
    let bad = |e: der::Error| format!("not a PKCS#8 private key: {e}");
    let mut reader = der::SliceReader::new(der).map_err(bad)?;
    let parts = reader
        .sequence(|r| {
            let version: u8 = r.decode()?;
            if version > 1 {
                return Err(der::Tag::Integer.value_error().into());
            }
            let algorithm: AlgorithmIdentifierRef<'_> = r.decode()?;
            let key: &OctetStringRef = r.decode()?;
            // Attributes [0] and the v2 public key [1] may follow; they are not needed.
            r.read_slice(r.remaining_len())?;
            Ok((algorithm.oid, key.as_bytes()))
        })
        .map_err(bad)?;
    reader.finish().map_err(bad)?;
    Ok(parts)
}

/// (PKCS#1 RSAPublicKey DER, modulus bits) from a PKCS#1 RSAPrivateKey.
fn rsa_public_from_pkcs1(der: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let bad = |e: der::Error| format!("not an RSA private key: {e}");
    let mut reader = der::SliceReader::new(der).map_err(bad)?;
    let prefix = reader
        .sequence(|r| {
            let _version: u8 = r.decode()?;
            let prefix = RsaPrivatePrefix {
                modulus: r.decode()?,
                public_exponent: r.decode()?,
            };
            r.read_slice(r.remaining_len())?;
            Ok(prefix)
        })
        .map_err(bad)?;
    let bits = modulus_bits(prefix.modulus.as_bytes()).ok_or("the RSA modulus is zero")?;
    let public = RsaPublicKey {
        modulus: prefix.modulus,
        public_exponent: prefix.public_exponent,
    };
    Ok((public.to_der().map_err(bad)?, bits))
}

/// PKCS#8 v1 around a PKCS#1 key: rsaEncryption with NULL parameters, as OpenSSL writes it.
fn wrap_pkcs1(pkcs1: &[u8]) -> Result<Vec<u8>, String> {
    let info = PrivateKeyInfoV1 {
        version: 0,
        algorithm: AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(der::asn1::AnyRef::NULL),
        },
        private_key: OctetStringRef::new(pkcs1).map_err(|e| e.to_string())?,
    };
    info.to_der().map_err(|e| e.to_string())
}

#[derive(Sequence)]
struct PrivateKeyInfoV1<'a> {
    version: u8,
    algorithm: AlgorithmIdentifierRef<'a>,
    private_key: &'a OctetStringRef,
}

/// A private key that is not RSA (EC, Ed25519, ...). certkit reads it only to find the
/// certificate it belongs to and to say clearly why it cannot be used.
#[derive(Clone)]
pub struct OtherKey {
    algorithm: String,
    /// The public key bits as a certificate's subjectPublicKey holds them, when the key file
    /// carries them (EC keys from OpenSSL and most tools do).
    public_key: Option<Vec<u8>>,
}

impl std::fmt::Debug for OtherKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OtherKey")
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

impl OtherKey {
    /// Reads a PKCS#8 key of any algorithm. Fails only when the bytes are not PKCS#8.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, String> {
        let (algorithm, parameters, key) = pkcs8_fields(der)?;
        let name = key_algorithm_name(&algorithm, parameters.as_ref());
        let public_key = if algorithm == EC_PUBLIC_KEY {
            sec1_public_key(key)
        } else {
            None
        };
        Ok(OtherKey {
            algorithm: name,
            public_key,
        })
    }

    /// Reads SEC 1 `EC PRIVATE KEY` DER (OpenSSL's traditional EC form).
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, String> {
        let curve = sec1_curve(der).ok_or("not a SEC 1 EC private key")?;
        Ok(OtherKey {
            algorithm: format!("EC {}", curve_name(&curve)),
            public_key: sec1_public_key(der),
        })
    }

    /// E.g. `EC P-256`, `Ed25519`.
    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    pub fn public_key_matches(&self, cert: &Certificate) -> bool {
        self.public_key.as_deref() == Some(cert.public_key_bits())
    }

    /// Why the key is not used, for the warning printed when the file is read.
    pub fn warning(&self) -> String {
        format!(
            "the private key is {}, not RSA: its certificates are read, but certkit cannot use \
             the key (Entra certificate credentials and certkit's key operations use RSA)",
            self.algorithm
        )
    }
}

const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// (algorithm OID, its parameters, privateKey contents) of PKCS#8 v1 or v2.
fn pkcs8_fields(der: &[u8]) -> Result<(ObjectIdentifier, Option<der::Any>, &[u8]), String> {
    let bad = |e: der::Error| format!("not a PKCS#8 private key: {e}");
    let mut reader = der::SliceReader::new(der).map_err(bad)?;
    let fields = reader
        .sequence(|r| {
            let _version: u8 = r.decode()?;
            let algorithm: AlgorithmIdentifierRef<'_> = r.decode()?;
            let key: &OctetStringRef = r.decode()?;
            r.read_slice(r.remaining_len())?;
            Ok((
                algorithm.oid,
                algorithm.parameters.map(der::Any::from),
                key.as_bytes(),
            ))
        })
        .map_err(bad)?;
    reader.finish().map_err(bad)?;
    Ok(fields)
}

fn key_algorithm_name(oid: &ObjectIdentifier, parameters: Option<&der::Any>) -> String {
    let curve = parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    match oid.to_string().as_str() {
        "1.2.840.10045.2.1" => match curve {
            Some(c) => format!("EC {}", curve_name(&c)),
            None => "EC".into(),
        },
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.10040.4.1" => "DSA".into(),
        "1.2.840.113549.1.1.10" => "RSASSA-PSS (an RSA key restricted to PSS)".into(),
        other => format!("of algorithm {other}"),
    }
}

fn curve_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.3.1.7" => "P-256".into(),
        "1.3.132.0.34" => "P-384".into(),
        "1.3.132.0.35" => "P-521".into(),
        "1.3.132.0.10" => "secp256k1".into(),
        other => format!("curve {other}"),
    }
}

/// ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters OPTIONAL,
/// [1] publicKey BIT STRING OPTIONAL }; returns the publicKey bits.
fn sec1_public_key(der: &[u8]) -> Option<Vec<u8>> {
    sec1_fields(der).ok()?.1
}

fn sec1_curve(der: &[u8]) -> Option<ObjectIdentifier> {
    sec1_fields(der).ok()?.0
}

type Sec1Fields = (Option<ObjectIdentifier>, Option<Vec<u8>>);

fn sec1_fields(der: &[u8]) -> der::Result<Sec1Fields> {
    use der::asn1::BitStringRef;
    use der::TagMode;
    let mut reader = der::SliceReader::new(der)?;
    reader.sequence(|r| {
        let _version: u8 = r.decode()?;
        let _key: &OctetStringRef = r.decode()?;
        let curve: Option<ObjectIdentifier> =
            r.context_specific(der::TagNumber(0), TagMode::Explicit)?;
        let public: Option<BitStringRef<'_>> =
            r.context_specific(der::TagNumber(1), TagMode::Explicit)?;
        r.read_slice(r.remaining_len())?;
        Ok((curve, public.and_then(|b| b.as_bytes().map(<[u8]>::to_vec))))
    })
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
