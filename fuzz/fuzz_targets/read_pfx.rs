//! The PFX reader, with the empty password and a fixed one, and the inspector on its own.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.pfx");
    if let Ok(facts) = certkit::pfx::inspect(data) {
        let _ = facts.describe();
    }
    let _ = certkit::pfx::read_pfx(data, "", path);
    let _ = certkit::pfx::read_pfx(data, "fuzz", path);
});
