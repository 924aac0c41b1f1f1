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
    assert!(export(entry, &dest, &ExportFormat::Pem { password: None }, false).unwrap());
    let read =
        crate::input::read_certificates(&std::fs::read(&dest).unwrap(), &dest, None).unwrap();
    assert_eq!(read.key.unwrap().pkcs8_der(), g.key.pkcs8_der());
    let err = export(entry, &dest, &ExportFormat::Pem { password: None }, false).unwrap_err();
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

fn generated_between(cn: &str, not_before: &str, not_after: &str) -> Generated {
    let parse = |t| crate::validity::parse_time("--not-before", t).unwrap();
    generate(&NewCertificateRequest {
        subject: format!("CN={cn}"),
        key_size: 2048,
        validity: Validity::new(parse(not_before), parse(not_after)).unwrap(),
        dns_names: vec![],
    })
    .unwrap()
}

fn default_choice(store: &Store) -> String {
    let (matches, _) = store.select(&Selector::NewestCreated).unwrap();
    matches[0].certificate.thumbprint()
}

#[test]
fn the_default_is_the_certificate_created_last_whatever_its_dates() {
    let (_dir, store) = temp_store();
    let now = generated("k3");
    let future = generated_between("nb2", "2027-01-01T00:00:00Z", "2027-01-31T00:00:00Z");
    let far = generated_between("far", "2025-01-01T00:00:00Z", "2060-01-01T00:00:00Z");
    let renewed = generated("k3");
    for g in [&now, &future, &far, &renewed] {
        import(&store, Path::new("in.pem"), input(g, true)).unwrap();
    }
    assert_eq!(default_choice(&store), renewed.certificate.thumbprint());
    // The last one removed (by hand), the one created before it is the default.
    std::fs::remove_file(
        store
            .dir()
            .join(format!("{}.pfx", renewed.certificate.thumbprint())),
    )
    .unwrap();
    assert_eq!(default_choice(&store), far.certificate.thumbprint());
}

#[test]
fn a_copy_of_a_certkit_certificate_under_another_name_is_not_certkits() {
    let (_dir, store) = temp_store();
    let g = generated("copied");
    let ours = import(&store, Path::new("in.pem"), input(&g, true))
        .unwrap()
        .path;
    let copy = store.dir().join("copied-by-another-program.pfx");
    std::fs::copy(&ours, &copy).unwrap();
    let plan = plan_removal(&store, "copied").unwrap();
    assert_eq!(plan.entries.len(), 2);
    assert_eq!(plan.foreign, vec![copy]);
    let (chosen, _) = store.select(&Selector::NewestCreated).unwrap();
    assert_eq!(chosen.iter().map(|e| &e.path).collect::<Vec<_>>(), [&ours]);
}

#[test]
fn a_record_that_cannot_be_updated_after_the_write_is_a_warning() {
    let (_dir, store) = temp_store();
    let g = generated("unrecorded");
    let index = store.dir().join(CREATED_INDEX);
    std::fs::create_dir_all(index.join("in-the-way")).unwrap();
    let warning = store.record_created(&g.certificate).unwrap();
    assert!(
        warning.contains(&g.certificate.thumbprint()) && warning.contains("--thumbprint"),
        "{warning}"
    );
    let err = import(&store, Path::new("in.pem"), input(&g, true)).unwrap_err();
    assert!(err.to_string().contains(CREATED_INDEX), "{err}");
    assert_eq!(
        std::fs::read_dir(store.dir()).unwrap().count(),
        1,
        "refused before writing anything"
    );
}

#[test]
fn pem_export_with_a_password_encrypts_the_key() {
    let (dir, store) = temp_store();
    let g = generated("sealed");
    import(&store, Path::new("a.pem"), input(&g, true)).unwrap();
    let entry = &find(&store, "sealed").unwrap()[0];
    let dest = dir.path().join("sealed.pem");
    let format = ExportFormat::Pem {
        password: Some(zeroize::Zeroizing::new("pw 1".to_string())),
    };
    assert!(export(entry, &dest, &format, false).unwrap());
    let bytes = std::fs::read(&dest).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"),
        "{text}"
    );
    assert!(!text.contains("BEGIN PRIVATE KEY"));
    let read = crate::input::read_certificates(&bytes, &dest, Some("pw 1")).unwrap();
    assert_eq!(read.key.unwrap().pkcs8_der(), g.key.pkcs8_der());
}

#[test]
fn a_damaged_newest_certificate_is_reported_not_replaced_by_an_older_one() {
    let (_dir, store) = temp_store();
    import(&store, Path::new("a.pem"), input(&generated("older"), true)).unwrap();
    let newest = import(&store, Path::new("b.pem"), input(&generated("newer"), true))
        .unwrap()
        .path;
    std::fs::write(&newest, b"damaged").unwrap();
    let err = store.select(&Selector::NewestCreated).unwrap_err();
    let text = format!("{err} / {}", err.hint());
    assert!(
        text.contains(newest.to_str().unwrap()) && text.contains("--thumbprint"),
        "{text}"
    );
}
