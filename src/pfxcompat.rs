//! The empty password's other spelling, which .NET uses for the store it keeps on Linux.
//!
//! PKCS#12 turns a password into NUL-terminated UCS-2 before deriving keys, so the empty
//! password is the two bytes {0, 0}. .NET's `X509Store.Add` (and `Export` with a null password)
//! uses zero bytes instead, so p12-keystore, which only knows {0, 0}, reports "wrong password"
//! for every certificate .NET itself put in CurrentUser\My. OpenSSL tries both spellings; so does
//! AWS-LC's PKCS#12 reader (BoringSSL's `PKCS12_get_key_and_certs`), already linked through
//! aws-lc-rs. This module calls it for that one case. Measured: a PFX written by .NET 8.0.4's
//! X509Store.Add (3DES, SHA-1 MAC, 2000 iterations) opens here and in Python cryptography with
//! `None`, and fails in p12-keystore with "".

use std::os::raw::c_char;
use std::ptr;

use aws_lc_sys as ffi;
use zeroize::Zeroizing;

/// What the file held: every certificate (DER), the one matching the key first, and the RSA
/// key as PKCS#1 DER.
pub(crate) struct EmptyPasswordContents {
    pub certificates: Vec<Vec<u8>>,
    pub key_pkcs1: Option<Zeroizing<Vec<u8>>>,
    /// True when the key is not RSA (certkit only uses RSA keys).
    pub foreign_key: bool,
}

/// Opens a PFX whose password is empty in either spelling; None when it does not open.
pub(crate) fn open_with_empty_password(bytes: &[u8]) -> Option<EmptyPasswordContents> {
    // SAFETY: every pointer passed is either valid for the call or null where the API allows
    // it; each object AWS-LC returns is freed exactly once below, and DER lengths come from the
    // encoder itself.
    unsafe {
        let mut input = bytes.as_ptr();
        let p12 = ffi::d2i_PKCS12(ptr::null_mut(), &mut input, bytes.len());
        if p12.is_null() {
            ffi::ERR_clear_error();
            return None;
        }
        let mut pkey: *mut ffi::EVP_PKEY = ptr::null_mut();
        let mut leaf: *mut ffi::X509 = ptr::null_mut();
        let mut others: *mut ffi::stack_st_X509 = ptr::null_mut();
        let empty: *const c_char = c"".as_ptr();
        let ok = ffi::PKCS12_parse(p12, empty, &mut pkey, &mut leaf, &mut others);
        ffi::PKCS12_free(p12);
        if ok != 1 {
            ffi::ERR_clear_error();
            return None;
        }
        let mut contents = EmptyPasswordContents {
            certificates: Vec::new(),
            key_pkcs1: None,
            foreign_key: false,
        };
        if !leaf.is_null() {
            contents.certificates.extend(x509_der(leaf));
            ffi::X509_free(leaf);
        }
        if !others.is_null() {
            let stack = others.cast::<ffi::OPENSSL_STACK>();
            let mut rest = Vec::new();
            loop {
                let cert = ffi::OPENSSL_sk_pop(stack).cast::<ffi::X509>();
                if cert.is_null() {
                    break;
                }
                rest.extend(x509_der(cert));
                ffi::X509_free(cert);
            }
            ffi::OPENSSL_sk_free(stack);
            // Popping reversed the file order.
            contents.certificates.extend(rest.into_iter().rev());
        }
        if !pkey.is_null() {
            if i64::from(ffi::EVP_PKEY_id(pkey)) == i64::from(ffi::EVP_PKEY_RSA) {
                contents.key_pkcs1 = private_key_der(pkey);
            } else {
                contents.foreign_key = true;
            }
            ffi::EVP_PKEY_free(pkey);
        }
        Some(contents)
    }
}

/// SAFETY: `cert` must be a valid X509.
unsafe fn x509_der(cert: *mut ffi::X509) -> Option<Vec<u8>> {
    let len = usize::try_from(ffi::i2d_X509(cert, ptr::null_mut())).ok()?;
    let mut der = vec![0u8; len];
    let mut out = der.as_mut_ptr();
    (ffi::i2d_X509(cert, &mut out) == len as i32).then_some(der)
}

/// SAFETY: `pkey` must be a valid RSA EVP_PKEY. The PKCS#1 encoding is written straight into a
/// zeroizing buffer, so no copy of the key is left behind in memory we do not wipe.
unsafe fn private_key_der(pkey: *mut ffi::EVP_PKEY) -> Option<Zeroizing<Vec<u8>>> {
    let len = usize::try_from(ffi::i2d_PrivateKey(pkey, ptr::null_mut())).ok()?;
    let mut der = Zeroizing::new(vec![0u8; len]);
    let mut out = der.as_mut_ptr();
    (ffi::i2d_PrivateKey(pkey, &mut out) == len as i32).then_some(der)
}
