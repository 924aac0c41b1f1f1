//! The certificate reader every command uses: any bytes, without and with a password.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.input");
    if let Ok(file) = certkit::input::read_certificates(data, path, None) {
        // What the commands do with a result must not panic either.
        let _ = file.describe();
        let _ = file.leaf_certificate().thumbprint();
        let _ = file.others().count();
    }
    let _ = certkit::input::read_certificates(data, path, Some("fuzz"));
});
