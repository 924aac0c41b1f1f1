//! RSA key facts shared by certificates and private keys.

use der::asn1::UintRef;
use der::{Decode, Sequence};

#[derive(Sequence)]
struct RsaPublicKey<'a> {
    modulus: UintRef<'a>,
    public_exponent: UintRef<'a>,
}

/// Bit length of the modulus of a PKCS#1 RSAPublicKey, or None when the bytes are not one.
pub fn rsa_modulus_bits(rsa_public_key_der: &[u8]) -> Option<usize> {
    let key = RsaPublicKey::from_der(rsa_public_key_der).ok()?;
    let bytes = key.modulus.as_bytes();
    let first = *bytes.first()?;
    let _ = key.public_exponent;
    Some(bytes.len() * 8 - first.leading_zeros() as usize)
}
