//! The parser against an independent one (jsonc-parser, with the same strict options the
//! previous implementation used): the same inputs accepted and refused, the same values, the
//! same span for every value. Then what a focused parse keeps.

use std::path::Path;

use jsonc_parser::ast::Value as J;
use jsonc_parser::common::Ranged;
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

use super::*;

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Same structure, names, scalars and spans.
fn same(ours: &Value, theirs: &J, text: &str) -> Result<(), String> {
    let (a, b) = (ours.span(), theirs.range());
    if (a.start, a.end) != (b.start, b.end) {
        return Err(format!(
            "span {a:?} vs {b:?} at {:?}",
            &text[b.start..b.end]
        ));
    }
    match (ours, theirs) {
        (Value::Object(o), J::Object(t)) => {
            if o.properties.len() != t.properties.len() {
                return Err(format!("property count at {a:?}"));
            }
            for (p, q) in o.properties.iter().zip(&t.properties) {
                if p.name.as_str() != q.name.as_str() {
                    return Err(format!(
                        "name {:?} vs {:?}",
                        p.name.as_str(),
                        q.name.as_str()
                    ));
                }
                let (x, y) = (p.span(), q.range);
                if (x.start, x.end) != (y.start, y.end) {
                    return Err(format!("property span {x:?} vs {y:?}"));
                }
                same(&p.value, &q.value, text)?;
            }
            Ok(())
        }
        (Value::Array(o), J::Array(t)) => {
            if o.elements.len() != t.elements.len() {
                return Err(format!("element count at {a:?}"));
            }
            o.elements
                .iter()
                .zip(&t.elements)
                .try_for_each(|(x, y)| same(x, y, text))
        }
        (Value::String(x), J::StringLit(y)) if x.value == y.value => Ok(()),
        (Value::Number(x), J::NumberLit(y)) if x.text == y.value => Ok(()),
        (Value::Bool(x), J::BooleanLit(y)) if x.value == y.value => Ok(()),
        (Value::Null(_), J::NullKeyword(_)) => Ok(()),
        _ => Err(format!("different values at {a:?}")),
    }
}

/// Both accept with the same tree, or both refuse.
fn agree(text: &str) -> Result<(), String> {
    let theirs = parse_to_ast(text, &CollectOptions::default(), &strict());
    let ours = parse::parse(text, Focus::All);
    match (ours, theirs) {
        (Ok(Some(a)), Ok(t)) => match t.value {
            Some(b) => same(&a, &b, text),
            None => Err("only we found a value".into()),
        },
        (Ok(None), Ok(t)) if t.value.is_none() => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        (Ok(_), Err(e)) => Err(format!("only jsonc-parser refuses: {e}")),
        (Err(e), Ok(_)) => Err(format!("only we refuse: {}", e.what)),
        (Ok(None), Ok(_)) => Err("only jsonc-parser found a value".into()),
    }
}

const SNIPPETS: &[&str] = &[
    r#"{"a": "\u00e9\ud83d\ude00\n\"\\\/", "b": -0.5e+10, "c": [true, false, null], "d": {}}"#,
    "[1,]",
    "{\"a\":1,}",
    "[ 1 , 2 ] // end",
    "/* lead */ {\"a\" /* x */ : /* y */ 1 /* z */ }",
    "{\"a\":\n// c\n[\r\n1\r\n,\r2]}",
    "[0, -0, 0.0, 1e5, 1E-5, 12.5e+3, -12]",
    "\"lone\"",
    "",
    "  // only a comment\n",
    "[,]",
    "[1,,2]",
    "{,}",
    "[01]",
    "[1.]",
    "[.5]",
    "[-]",
    "[+1]",
    "[1e]",
    "[0x1]",
    "[NaN]",
    "[Infinity]",
    "[1 2]",
    "1 2",
    "{\"a\" 1}",
    "{\"a\":1 \"b\":2}",
    "{a: 1}",
    "{'a': 1}",
    "[\"\\q\"]",
    "[\"\\u12\"]",
    "[\"open",
    "[1 /* open",
    "[tru]",
    "[nul]",
    "[truex]",
    "[1}",
    "{\"a\":1]",
    "[[[]]",
    "]",
    "{\"a\":}",
    "[1,]]",
];

#[test]
fn agrees_with_jsonc_parser_on_snippets() {
    let failures: Vec<String> = SNIPPETS
        .iter()
        .filter_map(|s| agree(s).err().map(|e| format!("{s:?}: {e}")))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn agrees_with_jsonc_parser_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for dir in [
        "manifests",
        "manifests-edge",
        "appsettings",
        "usersecrets",
        "config-expected",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let text = std::str::from_utf8(bytes.strip_prefix(BOM).unwrap_or(&bytes)).unwrap();
            agree(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            checked += 1;
        }
    }
    assert!(checked >= 28, "{checked}");
}

/// Where the parsers' grammars differ on purpose: .NET's reader refuses raw control
/// characters in strings, so we do too; jsonc-parser lets them through.
#[test]
fn control_characters_in_strings_are_refused() {
    let e = parse::parse("[\"a\tb\"]", Focus::All).unwrap_err();
    assert!(e.what.contains("control character"), "{}", e.what);
    assert_eq!(e.at, 3);
}

#[test]
fn failures_point_where_the_reader_stops() {
    let cases: &[(&str, usize, &str)] = &[
        ("{\"a\": 1 \"b\": 2}", 7, "expected comma"),
        (
            "[1}",
            2,
            "expected comma or ']' (the array opened at line 1, column 1",
        ),
        (
            "{\"a\": [1",
            8,
            "unexpected end of file (the array opened at line 1, column 7",
        ),
        ("[\"abc", 1, "unterminated string"),
        ("[1] x", 4, "unexpected text after the JSON value"),
        ("{a: 1}", 1, "expected a property name in double quotes"),
        ("[1, 'x']", 4, "expected a value, found '\\''"),
        ("[01]", 1, "invalid number"),
        ("[\"\\x\"]", 2, "invalid escape"),
    ];
    for (text, at, what) in cases {
        let e = parse::parse(text, Focus::All).unwrap_err();
        assert!(e.what.starts_with(what), "{text}: {}", e.what);
        assert_eq!(e.at, *at, "{text}: {}", e.what);
    }
}

#[test]
fn lone_surrogates_decode_to_the_replacement_character() {
    let root = parse::parse(r#"["\ud800x", "\ud83d\ude00"]"#, Focus::All)
        .unwrap()
        .unwrap();
    let items = &root.as_array().unwrap().elements;
    assert_eq!(items[0].as_str(), Some("\u{FFFD}x"));
    assert_eq!(items[1].as_str(), Some("\u{1F600}"));
}

const MANIFEST: &str = r#"{
    "appRoles": [{"id": "x", "nested": [[{"deep": true}]]}],
    "keyCredentials": [{"keyId": "a", "extra": {"k": [1]}}],
    "web": {"redirectUris": []},
    "name": "app"
}"#;

#[test]
fn focus_records_only_the_named_paths() {
    let focus = Focus::Paths(&[&["keyCredentials"], &["web", "redirectUris"]]);
    let focused = parse::parse(MANIFEST, focus).unwrap().unwrap();
    let full = parse::parse(MANIFEST, Focus::All).unwrap().unwrap();
    let (f, a) = (focused.as_object().unwrap(), full.as_object().unwrap());
    assert_eq!(f.properties.len(), 4);
    for (p, q) in f.properties.iter().zip(&a.properties) {
        assert_eq!(
            (p.name.as_str(), p.value.span()),
            (q.name.as_str(), q.value.span())
        );
    }
    assert!(matches!(
        f.properties[0].value,
        Value::Unread(Unread {
            container: Container::Array,
            ..
        })
    ));
    assert!(same_value(&f.properties[1].value, &a.properties[1].value));
    let web = f.properties[2].value.as_object().unwrap();
    assert!(web.properties[0].value.as_array().is_some());
    assert_eq!(f.properties[3].value.as_str(), Some("app"));
}

#[test]
fn focus_on_root_names_records_their_whole_values() {
    let keep: fn(&str) -> bool = |name| name.eq_ignore_ascii_case("WEB");
    let focused = parse::parse(MANIFEST, Focus::RootWhere(keep))
        .unwrap()
        .unwrap();
    let full = parse::parse(MANIFEST, Focus::All).unwrap().unwrap();
    let (f, a) = (focused.as_object().unwrap(), full.as_object().unwrap());
    assert_eq!(f.properties.len(), 4);
    assert!(matches!(f.properties[0].value, Value::Unread(_)));
    assert!(matches!(f.properties[1].value, Value::Unread(_)));
    assert!(same_value(&f.properties[2].value, &a.properties[2].value));
    assert!(f.properties[2].value.as_object().is_some());
    assert_eq!(f.properties[3].value.as_str(), Some("app"));
}

#[test]
fn focus_still_checks_the_unread_parts() {
    let broken = MANIFEST.replace("[[{", "[[{,");
    let e = parse::parse(&broken, Focus::Paths(&[&["keyCredentials"]])).unwrap_err();
    assert!(e.what.starts_with("expected a property name"), "{}", e.what);
}

#[test]
fn get_refuses_to_guess_inside_an_unread_value() {
    let doc = Document::parse_focused(MANIFEST.as_bytes(), Path::new("m.json"), Focus::Paths(&[]))
        .unwrap();
    let text = doc.get(&["web", "redirectUris"]).unwrap_err().to_string();
    assert!(text.contains("was not read"), "{text}");
    assert_eq!(
        doc.source(doc.get(&["web"]).unwrap().unwrap()),
        r#"{"redirectUris": []}"#
    );
}

#[test]
fn a_depth_bomb_inside_an_unread_value_is_refused_too() {
    let bomb = format!(
        "{{\"keyCredentials\": [], \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = parse::parse(&bomb, Focus::Paths(&[&["keyCredentials"]])).unwrap_err();
    assert!(
        e.kind == parse::FailureKind::TooDeep && e.what.contains("over 512 levels"),
        "{}",
        e.what
    );
}

const LIMITS: Limits = Limits {
    levels: 2,
    members: 3,
    values: 8,
    hint: "remove some",
};

#[test]
fn limited_focus_keeps_deeper_containers_unread() {
    let limits = Limits {
        members: 10,
        ..LIMITS
    };
    let focus = Focus::Limited(&[&["keyCredentials"]], limits);
    let root = parse::parse(MANIFEST, focus).unwrap().unwrap();
    let entries = root.as_object().unwrap().properties[1].value.as_array();
    let entry = entries.unwrap().elements[0].as_object().unwrap();
    assert_eq!(entry.properties[0].value.as_str(), Some("a"));
    assert!(matches!(
        entry.properties[1].value,
        Value::Unread(Unread {
            container: Container::Object,
            ..
        })
    ));
}

#[test]
fn limited_focus_refuses_too_many_members_or_values() {
    let focus = Focus::Limited(&[&["k"]], LIMITS);
    parse::parse(r#"{"k": [{}, {}, {}], "x": [1, 2, 3, 4, 5]}"#, focus).unwrap();
    let e = parse::parse("{\"k\":\n [{}, {}, {}, {}]}", focus).unwrap_err();
    assert_eq!(e.kind, parse::FailureKind::TooLarge);
    assert_eq!(
        e.what,
        "the array \"k\" at line 2, column 2 has more than 3 elements"
    );
    // Three entries of three fields: 1 + 3 + 9 values.
    let e = parse::parse(
        r#"{"k": [{"a":1,"b":1,"c":1}, {"a":1,"b":1,"c":1}, {"a":1,"b":1,"c":1}]}"#,
        focus,
    )
    .unwrap_err();
    assert!(e.what.starts_with("over 8 values to read"), "{}", e.what);
    let doc = Document::parse_focused(b"{\"k\": [1, 2, 3, 4]}", Path::new("m.json"), focus);
    let text = doc.err().unwrap().to_string();
    assert!(
        text.starts_with("too large to read (m.json): the array"),
        "{text}"
    );
}

#[test]
fn extensions_are_found_wherever_they_are() {
    let (_, found) = parse::parse_document("{\"a\": [1, 2]}", Focus::All).unwrap();
    assert_eq!(found, Extensions::default());
    let text = "{\n  \"x\": {\"y\": [1,],},\n  // c\n  \"a\": 1 /* d */\n}";
    let focus = Focus::Paths(&[&["a"]]);
    let (_, found) = parse::parse_document(text, focus).unwrap();
    assert_eq!(found.trailing_comma, Some(text.find(",]").unwrap()));
    assert_eq!(found.comment, Some(text.find("//").unwrap()));
    let with_bom = format!("\u{FEFF}{text}");
    let doc = Document::parse(with_bom.as_bytes(), Path::new("m")).unwrap();
    assert_eq!(doc.extensions().comment, Some(text.find("//").unwrap() + 3));
}
