//! The manifest patcher on arbitrary bytes, with a fixed certificate made by OpenSSL.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use certkit::keycred::KeyCredential;
use certkit::Certificate;
use libfuzzer_sys::fuzz_target;

fn fixture() -> &'static (Certificate, KeyCredential) {
    static FIXTURE: OnceLock<(Certificate, KeyCredential)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let der = include_bytes!("../../fixtures/certs/fixture-cert.cer");
        let cert = Certificate::from_der(der).expect("the fixture is a certificate");
        let cred = KeyCredential::for_certificate(&cert);
        (cert, cred)
    })
}

fuzz_target!(|data: &[u8]| {
    let (cert, cred) = fixture();
    let _ = certkit::manifest::patch(data, Path::new("fuzz.json"), cred, cert, None);
});
