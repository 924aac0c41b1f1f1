//! The "absent password" convention: OpenSSL's `PKCS12_create` with a NULL password (Python
//! cryptography's `NoEncryption`, some Java and .NET exports) derives the MAC key from zero
//! bytes, where an empty password is two zero bytes (an empty BMPString and its terminator).
//! p12-keystore knows only the second, so for an empty password we verify the MAC the first way
//! here and, when it holds, hand p12-keystore the file without its MAC.

use aws_lc_rs::{digest, hmac};
use der::asn1::AnyRef;
use der::{Decode, Encode, Reader, Sequence};

use super::inspect::{octets, Pfx};

/// What the MAC key derivation may cost (p12-keystore's own limit).
const MAX_MAC_ITERATIONS: u64 = 1_000_000;

#[derive(Sequence)]
struct PfxWithoutMac<'a> {
    version: AnyRef<'a>,
    auth_safe: AnyRef<'a>,
}

/// The PFX re-encoded without its MAC when the MAC verifies under the absent password; None
/// when it does not (or the file has no MAC, or an unknown MAC digest).
pub(super) fn strip_mac_if_absent_password(bytes: &[u8]) -> Option<Vec<u8>> {
    let pfx = Pfx::from_der(bytes).ok()?;
    let mac = pfx.mac_data.as_ref()?;
    let iterations = mac.iterations.as_ref().map_or(Some(1), |n| {
        let v = super::inspect::uint_to_u64(n);
        (1..=MAX_MAC_ITERATIONS).contains(&v).then_some(v)
    })?;
    let (hash, hmac_alg, block) = match mac.mac.algorithm.oid.to_string().as_str() {
        "1.3.14.3.2.26" => (
            &digest::SHA1_FOR_LEGACY_USE_ONLY,
            hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
            64,
        ),
        "2.16.840.1.101.3.4.2.1" => (&digest::SHA256, hmac::HMAC_SHA256, 64),
        "2.16.840.1.101.3.4.2.2" => (&digest::SHA384, hmac::HMAC_SHA384, 128),
        "2.16.840.1.101.3.4.2.3" => (&digest::SHA512, hmac::HMAC_SHA512, 128),
        _ => return None,
    };
    let data = octets(pfx.auth_safe.content)?;
    let key = mac_key_without_password(hash, block, mac.salt.as_bytes(), iterations);
    let key = hmac::Key::new(hmac_alg, &key);
    hmac::verify(&key, data, mac.mac.digest.as_bytes()).ok()?;
    let mut reader = der::SliceReader::new(bytes).ok()?;
    let (version, auth_safe) = reader
        .sequence(|r| {
            let version: AnyRef<'_> = r.decode()?;
            let auth_safe: AnyRef<'_> = r.decode()?;
            r.read_slice(r.remaining_len())?;
            Ok::<_, der::Error>((version, auth_safe))
        })
        .ok()?;
    PfxWithoutMac { version, auth_safe }.to_der().ok()
}

/// RFC 7292 appendix B.2 with an empty password string P, ID 3 (MAC key), for a key of one
/// digest length (n = 1, so no I-block update is needed): A = H^c(D || S).
fn mac_key_without_password(
    hash: &'static digest::Algorithm,
    block: usize,
    salt: &[u8],
    iterations: u64,
) -> Vec<u8> {
    let mut input = vec![3u8; block];
    if !salt.is_empty() {
        let s_len = block * salt.len().div_ceil(block);
        input.extend(salt.iter().cycle().take(s_len));
    }
    let mut a = digest::digest(hash, &input);
    for _ in 1..iterations {
        a = digest::digest(hash, a.as_ref());
    }
    a.as_ref().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_mac_less_files_are_not_stripped() {
        assert!(strip_mac_if_absent_password(b"").is_none());
        assert!(strip_mac_if_absent_password(b"\x30\x03\x02\x01\x03").is_none());
    }
}
