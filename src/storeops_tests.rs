//! Store verbs against a temporary store. Other programs' view of the store (.NET, OpenSSL) is
//! in tests/interop_store.rs.

use super::*;
use crate::input::Format;
use crate::selfsigned::{generate, Generated, NewCertificateRequest};
use crate::store::CREATED_INDEX;
use crate::validity::Validity;

fn generated(cn: &str) -> Generated {
    generate(&NewCertificateRequest {
        subject: format!("CN={cn}"),
        key_size: 2048,
        validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
        dns_names: vec![],
    })
    .unwrap()
}

fn input(g: &Generated, with_key: bool) -> InputFile {
    InputFile {
        format: Format::Pem,
        certificates: vec![g.certificate.clone()],
        key: with_key.then(|| g.key.clone()),
        other_key: None,
        leaf: 0,
        leaf_reason: crate::input::LeafReason::Only,
        pfx: None,
        warnings: Vec::new(),
    }
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::locate(Some(&dir.path().join("my"))).unwrap();
    (dir, store)
}

#[test]
fn import_writes_thumbprint_pfx_once_and_records_it() {
    let (_dir, store) = temp_store();
    let g = generated("imported");
    let first = import(&store, Path::new("in.pem"), input(&g, true)).unwrap();
    assert!(!first.already_present);
    assert_eq!(
        first.path,
        store
            .dir()
            .join(format!("{}.pfx", g.certificate.thumbprint()))
    );
    let again = import(&store, Path::new("in.pem"), input(&g, true)).unwrap();
    assert!(again.already_present);
    assert_eq!(again.path, first.path);
    let listing = store.list().unwrap();
    assert_eq!(listing.entries.len(), 1);
    assert!(listing.entries[0].created_by_certkit && listing.entries[0].has_key);
    let key = load_key(&listing.entries[0]).unwrap();
    assert_eq!(key.pkcs8_der(), g.key.pkcs8_der());
}

#[test]
fn import_without_key_names_the_file_and_the_fix() {
    let (_dir, store) = temp_store();
    let err = import(&store, Path::new("only.cer"), input(&generated("x"), false)).unwrap_err();
    let text = format!("{err} / {}", err.hint());
    assert!(
        text.contains("only.cer") && text.contains("PRIVATE KEY"),
        "{text}"
    );
}

#[test]
fn collisions_take_the_next_dotnet_name() {
    let (_dir, store) = temp_store();
    let g = generated("collide");
    std::fs::create_dir_all(store.dir()).unwrap();
    let taken = store
        .dir()
        .join(format!("{}.pfx", g.certificate.thumbprint()));
    std::fs::write(&taken, b"password-protected, say").unwrap();
    let imported = import(&store, Path::new("in.pem"), input(&g, true)).unwrap();
    assert_eq!(
        imported.path,
        store
            .dir()
            .join(format!("{}.1.pfx", g.certificate.thumbprint()))
    );
    assert_eq!(std::fs::read(&taken).unwrap(), b"password-protected, say");
}

#[test]
fn removal_plans_flag_files_certkit_did_not_create() {
    let (_dir, store) = temp_store();
    let ours = generated("ours");
    import(&store, Path::new("a.pem"), input(&ours, true)).unwrap();
    let theirs = generated("theirs");
    let bytes = pfx::write_pfx(
        &theirs.certificate,
        &theirs.key,
        "",
        PfxProfile::Legacy,
        2000,
        "t",
    )
    .unwrap();
    let foreign = store
        .dir()
        .join(format!("{}.pfx", theirs.certificate.thumbprint()));
    std::fs::write(&foreign, &bytes[..]).unwrap();

    let plan = plan_removal(&store, "theirs").unwrap();
    assert_eq!(plan.foreign, vec![foreign.clone()]);
    let plan = plan_removal(&store, &ours.certificate.thumbprint().to_lowercase()).unwrap();
    assert!(plan.foreign.is_empty());
    remove(&store, &plan).unwrap();
    let index = std::fs::read_to_string(store.dir().join(CREATED_INDEX)).unwrap();
    assert!(!index.contains(&ours.certificate.thumbprint()));
    assert!(foreign.exists());
    assert!(matches!(
        plan_removal(&store, "ours"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn list_filters_by_subject_text_or_thumbprint_prefix() {
    let (_dir, store) = temp_store();
    let a = generated("alpha-api");
    import(&store, Path::new("a.pem"), input(&a, true)).unwrap();
    import(&store, Path::new("b.pem"), input(&generated("beta"), true)).unwrap();
    assert_eq!(list(&store, Some("ALPHA")).unwrap().entries.len(), 1);
    let prefix = &a.certificate.thumbprint()[..8];
    let hits = list(&store, Some(&prefix.to_lowercase())).unwrap().entries;
    assert!(hits
        .iter()
        .any(|e| e.certificate.thumbprint() == a.certificate.thumbprint()));
    assert_eq!(list(&store, None).unwrap().entries.len(), 2);
}

#[test]
fn export_never_overwrites_without_force() {
    let (dir, store) = temp_store();
    let g = generated("exported");
    import(&store, Path::new("a.pem"), input(&g, true)).unwrap();
    let entry = &find(&store, "exported").unwrap()[0];
    let dest = dir.path().join("out.pem");
    assert!(export(entry, &dest, &ExportFormat::Pem, false).unwrap());
    let read =
        crate::input::read_certificates(&std::fs::read(&dest).unwrap(), &dest, None).unwrap();
    assert_eq!(read.key.unwrap().pkcs8_der(), g.key.pkcs8_der());
    let err = export(entry, &dest, &ExportFormat::Pem, false).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }));
}

#[test]
fn a_damaged_created_record_keeps_its_thumbprints_and_junk_in_the_store_is_skipped() {
    let (_dir, store) = temp_store();
    let first = generated("first");
    import(&store, Path::new("first.pem"), input(&first, true)).unwrap();
    let index = store.dir().join(CREATED_INDEX);
    let mut bytes = std::fs::read(&index).unwrap();
    bytes.extend_from_slice(b"\xff\xfe not a thumbprint\n");
    std::fs::write(&index, &bytes).unwrap();
    let second = generated("second");
    import(&store, Path::new("second.pem"), input(&second, true)).unwrap();
    // A directory and a FIFO named *.pfx are reported, not opened.
    std::fs::create_dir(store.dir().join("dir.pfx")).unwrap();
    let fifo = std::ffi::CString::new(store.dir().join("fifo.pfx").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let listing = store.list().unwrap();
    let created: Vec<bool> = listing
        .entries
        .iter()
        .map(|e| e.created_by_certkit)
        .collect();
    assert_eq!(created, [true, true], "both stay recorded as certkit's");
    let skipped: Vec<_> = listing
        .unreadable
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_owned())
        .collect();
    assert!(
        skipped.contains(&"fifo.pfx".into()) && skipped.contains(&"dir.pfx".into()),
        "{skipped:?}"
    );
}
