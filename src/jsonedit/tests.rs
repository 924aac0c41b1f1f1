use std::path::Path;

use serde_json::{json, Value as Json};

use super::*;

fn path() -> &'static Path {
    Path::new("test.json")
}

/// Applies `edit` to `input`, checks the output parses, and returns it as text.
fn edited(input: &str, edit: impl FnOnce(&Document) -> Edit) -> String {
    let doc = Document::parse(input.as_bytes(), path()).unwrap();
    let applied = edit(&doc).apply(input.as_bytes());
    let text = String::from_utf8(applied.text).unwrap();
    Document::parse(text.as_bytes(), path()).unwrap_or_else(|e| panic!("{e}\n{text}"));
    text
}

fn push(input: &str, keys: &[&str], value: Json) -> String {
    edited(input, |doc| {
        let array = doc.get(keys).unwrap().unwrap().as_array().unwrap();
        doc.push_element(array, &value)
    })
}

fn push_root(input: &str, name: &str, value: Json) -> String {
    edited(input, |doc| {
        let root = doc.root_object("test", "").unwrap();
        doc.push_property(root, name, &value).unwrap()
    })
}

#[test]
fn appends_with_tabs() {
    let input = "{\n\t\"a\": [\n\t\t{\n\t\t\t\"x\": 1\n\t\t}\n\t]\n}\n";
    let want =
        "{\n\t\"a\": [\n\t\t{\n\t\t\t\"x\": 1\n\t\t},\n\t\t{\n\t\t\t\"y\": 2\n\t\t}\n\t]\n}\n";
    assert_eq!(push(input, &["a"], json!({"y": 2})), want);
}

#[test]
fn appends_with_two_and_four_spaces() {
    for unit in ["  ", "    "] {
        let input = "{\n_\"a\": [\n__{\n___\"x\": 1\n__}\n_]\n}\n".replace('_', unit);
        let want =
            "{\n_\"a\": [\n__{\n___\"x\": 1\n__},\n__{\n___\"y\": [\n____2\n___]\n__}\n_]\n}\n"
                .replace('_', unit);
        assert_eq!(push(&input, &["a"], json!({"y": [2]})), want);
    }
}

#[test]
fn mixed_indentation_copies_the_siblings() {
    let input = "{\n\t\"a\": [\n\t    {\n\t        \"x\": 1\n\t    }\n\t]\n}";
    let want = "{\n\t\"a\": [\n\t    {\n\t        \"x\": 1\n\t    },\n\t    {\n\t        \"y\": 2\n\t    }\n\t]\n}";
    assert_eq!(push(input, &["a"], json!({"y": 2})), want);
}

/// Members indented unlike `base + step` (a tab, then a tab, under a tab and two spaces), and a
/// one-line sibling last: the new element's members copy the nearest multi-line sibling's.
#[test]
fn members_copy_the_nearest_multi_line_sibling_exactly() {
    let input = "{\n\t\"a\": [\n\t  {\n\t\t\"x\": 1\n\t  },\n\t  {}\n\t]\n}";
    let want = "{\n\t\"a\": [\n\t  {\n\t\t\"x\": 1\n\t  },\n\t  {},\n\t  {\n\t\t\"y\": [\n\t\t  2\n\t\t]\n\t  }\n\t]\n}";
    assert_eq!(push(input, &["a"], json!({"y": [2]})), want);
    let spaces = "{\n  \"a\": [\n    {\n      \"x\": 1\n    },\n    {\"z\": 0}\n  ]\n}";
    let want = "{\n  \"a\": [\n    {\n      \"x\": 1\n    },\n    {\"z\": 0},\n    {\n      \"y\": 2\n    }\n  ]\n}";
    assert_eq!(push(spaces, &["a"], json!({"y": 2})), want);
}

/// A new property's members copy those of the sibling properties' values.
#[test]
fn a_new_property_copies_the_members_of_its_siblings() {
    let input = "{\n\t\"api\": {\n\t    \"x\": 1\n\t}\n}";
    let want = "{\n\t\"api\": {\n\t    \"x\": 1\n\t},\n\t\"k\": [\n\t    {\n\t        \"y\": 2\n\t    }\n\t]\n}";
    assert_eq!(push_root(input, "k", json!([{"y": 2}])), want);
}

#[test]
fn empty_array_goes_one_level_deeper_than_its_line() {
    let input = "{\n\t\"o\": {\n\t  \"b\": []\n\t}\n}";
    let want = "{\n\t\"o\": {\n\t  \"b\": [\n\t    {\n\t      \"y\": 2\n\t    }\n\t  ]\n\t}\n}";
    assert_eq!(push(input, &["o", "b"], json!({"y": 2})), want);
}

#[test]
fn empty_array_spellings() {
    let cases = [
        ("[]", "[\n    1\n  ]"),
        ("[ ]", "[\n    1\n  ]"),
        ("[\n  ]", "[\n    1\n  ]"),
        ("[\n\n  ]", "[\n\n    1\n  ]"),
        ("[\n    // none yet\n  ]", "[\n    // none yet\n    1\n  ]"),
        ("[ /* none */ ]", "[ /* none */ \n    1\n  ]"),
    ];
    for (array, want) in cases {
        let input = format!("{{\n  \"a\": {array},\n  \"b\": 0\n}}");
        let want = format!("{{\n  \"a\": {want},\n  \"b\": 0\n}}");
        assert_eq!(push(&input, &["a"], json!(1)), want, "{array:?}");
    }
}

#[test]
fn crlf_stays_crlf() {
    let input = "{\r\n  \"a\": [],\r\n  \"b\": [\r\n    1\r\n  ]\r\n}\r\n";
    let out = push(input, &["a"], json!({"k": [1]}));
    let out = push(&out, &["b"], json!({"k": 2}));
    assert_eq!(
        out.matches('\n').count(),
        out.matches("\r\n").count(),
        "{out}"
    );
    assert!(out.contains("\"a\": [\r\n    {\r\n      \"k\": [\r\n        1\r\n"));
}

#[test]
fn bom_is_kept_and_offsets_count_it() {
    let input = "\u{FEFF}{\n  \"a\": []\n}";
    let doc = Document::parse(input.as_bytes(), path()).unwrap();
    let array = doc.get(&["a"]).unwrap().unwrap();
    assert_eq!(&input.as_bytes()[doc.span(array)], b"[]");
    let applied = doc
        .push_element(array.as_array().unwrap(), &json!(1))
        .apply(input.as_bytes());
    assert_eq!(
        String::from_utf8(applied.text).unwrap(),
        "\u{FEFF}{\n  \"a\": [\n    1\n  ]\n}"
    );
    assert_eq!(
        &input.as_bytes()[applied.changed.start - 1..applied.changed.start],
        b"["
    );
    assert_eq!(applied.changed, 13..22);
}

#[test]
fn comment_after_last_element_stays_with_it() {
    let input = "{\n  \"a\": [\n    1 // one\n  ]\n}";
    let want = "{\n  \"a\": [\n    1, // one\n    2\n  ]\n}";
    assert_eq!(push(input, &["a"], json!(2)), want);
    let input = "{\n  \"a\": [\n    1, /* one */\n    // the end\n  ]\n}";
    let want = "{\n  \"a\": [\n    1, /* one */\n    2\n    // the end\n  ]\n}";
    assert_eq!(push(input, &["a"], json!(2)), want);
}

#[test]
fn split_edit_reports_the_covering_range() {
    let input = "[\n  1 // one\n]";
    let doc = Document::parse(input.as_bytes(), path()).unwrap();
    let edit = doc.push_element(doc.root().as_array().unwrap(), &json!(2));
    assert_eq!(edit.splices().len(), 2);
    let applied = edit.apply(input.as_bytes());
    assert_eq!(&applied.text[applied.changed.clone()], b", // one\n  2");
}

#[test]
fn blank_line_after_bracket_and_trailing_commas_are_kept() {
    let input = "{\n  \"a\": [\n\n    1,\n  ],\n}\n";
    let want = "{\n  \"a\": [\n\n    1,\n    2\n  ],\n}\n";
    assert_eq!(push(input, &["a"], json!(2)), want);
}

#[test]
fn one_line_arrays_stay_on_one_line() {
    let input = "{\n  \"Scopes\": [ \"user.read\" ]\n}";
    let want = "{\n  \"Scopes\": [ \"user.read\", \"mail.send\" ]\n}";
    assert_eq!(push(input, &["Scopes"], json!("mail.send")), want);
    assert_eq!(push(r#"{"a":[1,2]}"#, &["a"], json!(3)), r#"{"a":[1,2,3]}"#);
    assert_eq!(
        push(r#"{"a":[]}"#, &["a"], json!({"k": 1})),
        r#"{"a":[{"k":1}]}"#
    );
}

#[test]
fn property_goes_last_like_its_siblings() {
    let input = "{\n    \"a\": 1,\n    \"o\": {\n        \"x\": 1\n    }\n}";
    let want = "{\n    \"a\": 1,\n    \"o\": {\n        \"x\": 1\n    },\n    \"k\": [\n        2\n    ]\n}";
    assert_eq!(push_root(input, "k", json!([2])), want);
    assert_eq!(push_root(r#"{"a":1}"#, "k", json!(2)), r#"{"a":1,"k":2}"#);
    assert_eq!(
        push_root("{\n  \"a\": 1 // one\n}", "k", json!(2)),
        "{\n  \"a\": 1, // one\n  \"k\": 2\n}"
    );
}

#[test]
fn push_property_refuses_an_existing_name() {
    let doc = Document::parse(br#"{"a":1}"#, path()).unwrap();
    let root = doc.root().as_object().unwrap();
    assert!(doc.push_property(root, "a", &json!(2)).is_err());
}

#[test]
fn missing_final_newline_stays_missing() {
    let out = push("{\n  \"a\": []\n}", &["a"], json!(1));
    assert!(out.ends_with("\n}"), "{out:?}");
}

#[test]
fn replace_lays_out_at_the_value() {
    let input = "{\n\t\"a\": 1,\n\t\"b\": 2\n}";
    let out = edited(input, |doc| {
        doc.replace(doc.get(&["a"]).unwrap().unwrap(), &json!({"x": [1]}))
    });
    assert_eq!(
        out,
        "{\n\t\"a\": {\n\t\t\"x\": [\n\t\t\t1\n\t\t]\n\t},\n\t\"b\": 2\n}"
    );
}

fn remove(input: &str, index: usize) -> String {
    edited(input, |doc| {
        let array = doc.get(&["a"]).unwrap().unwrap().as_array().unwrap();
        doc.remove_element(array, index).unwrap()
    })
}

#[test]
fn remove_elements_with_their_commas() {
    let input = "{\n  \"a\": [\n    1, // one\n    // before two\n    2,\n    3 // three\n  ]\n}";
    assert_eq!(
        remove(input, 0),
        "{\n  \"a\": [\n    // before two\n    2,\n    3 // three\n  ]\n}"
    );
    assert_eq!(
        remove(input, 2),
        "{\n  \"a\": [\n    1, // one\n    // before two\n    2\n  ]\n}"
    );
    assert_eq!(remove("{\"a\": [1, 2, 3]}", 1), "{\"a\": [1, 3]}");
    assert_eq!(remove("{\"a\": [1, 2]}", 1), "{\"a\": [1]}");
    assert_eq!(remove("{\"a\": [ 1 ]}", 0), "{\"a\": [ ]}");
    assert_eq!(
        remove("{\n  \"a\": [\n    1,\n    2,\n  ]\n}", 1),
        "{\n  \"a\": [\n    1,\n  ]\n}"
    );
    assert_eq!(
        remove("{\n  \"a\": [\n    1\n  ]\n}", 0),
        "{\n  \"a\": [\n  ]\n}"
    );
    let doc = Document::parse(b"{\"a\": []}", path()).unwrap();
    let empty = doc.get(&["a"]).unwrap().unwrap().as_array().unwrap();
    assert!(doc.remove_element(empty, 0).is_none());
}

#[test]
fn remove_property() {
    let input = "{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}";
    let out = edited(input, |doc| {
        let root = doc.root().as_object().unwrap();
        doc.remove_property(root, "b").unwrap().unwrap()
    });
    assert_eq!(out, "{\r\n  \"a\": 1\r\n}");
}

fn error_text(input: &[u8]) -> String {
    match Document::parse(input, path()) {
        Ok(_) => panic!("parsed"),
        Err(e) => format!("{e} | {}", e.hint()),
    }
}

#[test]
fn invalid_json_names_line_and_column() {
    let text = error_text(b"{\n  \"a\": 1\n  \"b\": 2\n}");
    assert!(
        text.contains("expected comma at line 2, column 9"),
        "{text}"
    );
    assert!(text.contains("test.json"), "{text}");
    let text = error_text(b"\xEF\xBB\xBF{\r\n  \"a\": [1,\r\n  }");
    assert!(text.contains("line 3, column 3"), "{text}");
}

#[test]
fn json5_is_refused() {
    for input in [
        &b"{a: 1}"[..],
        b"{\"a\": 'x'}",
        b"{\"a\": 0x1}",
        b"{\"a\": NaN}",
    ] {
        error_text(input);
    }
}

#[test]
fn encodings_and_empty_files_are_refused_clearly() {
    assert!(error_text(b"\xFF\xFE{\x00}\x00").contains("UTF-16"));
    assert!(
        error_text(b"{\x00}\x00").contains("UTF-16"),
        "little-endian, no BOM"
    );
    assert!(
        error_text(b"\x00{\x00}").contains("UTF-16"),
        "big-endian, no BOM"
    );
    assert!(error_text(b"{\n \"a\": \"\xC3\"}").contains("not UTF-8 at line 2, column 8"));
    assert!(error_text(b" // nothing\n").contains("no JSON value"));
}

#[test]
fn depth_bomb_is_refused_without_overflow() {
    let arrays = "[".repeat(100_000);
    assert!(error_text(arrays.as_bytes()).contains("nested too deeply (over 512 levels"));
    let objects = "{\"a\":".repeat(100_000);
    assert!(error_text(objects.as_bytes()).contains("nested too deeply (over 512 levels"));
    let fine = format!("{}{}", "[".repeat(200), "]".repeat(200));
    Document::parse(fine.as_bytes(), path()).unwrap();
}

#[test]
fn duplicate_keys_are_refused() {
    let doc = Document::parse(b"{\n\"a\": 1,\n\"a\": 2\n}", path()).unwrap();
    let text = doc.get(&["a"]).unwrap_err().to_string();
    assert!(
        text.contains("\"a\" appears more than once (again on line 3)"),
        "{text}"
    );
}

#[test]
fn get_names_a_non_object_on_the_path() {
    let doc = Document::parse(br#"{"a": [1]}"#, path()).unwrap();
    let text = doc.get(&["a", "b"]).unwrap_err().to_string();
    assert!(text.contains("\"a\" is an array, not an object"), "{text}");
    assert!(doc.get(&["z", "b"]).unwrap().is_none());
}

#[test]
fn values_compare_as_data() {
    let a = Document::parse(b"{\"s\": \"\\u00e9\", \"n\": 1.50} // c", path()).unwrap();
    let b = Document::parse("{\n\t\"s\": \"é\",\n\t\"n\": 1.50\n}".as_bytes(), path()).unwrap();
    let c = Document::parse(b"{\"s\": \"e\", \"n\": 1.5}", path()).unwrap();
    assert!(same_value(a.root(), b.root()));
    assert!(!same_value(a.root(), c.root()));
    assert_eq!(to_serde(a.root()), Some(json!({"s": "é", "n": 1.5})));
}

fn remove_many(input: &str, indices: &[usize]) -> String {
    edited(input, |doc| {
        let array = doc.get(&["a"]).unwrap().unwrap().as_array().unwrap();
        doc.remove_elements(array, indices).unwrap()
    })
}

#[test]
fn remove_runs_of_elements_in_one_edit() {
    let input = "{\"a\": [\n  1,\n  2,\n  3,\n  4\n]}";
    assert_eq!(remove_many(input, &[2, 1]), "{\"a\": [\n  1,\n  4\n]}");
    assert_eq!(remove_many(input, &[0, 3]), "{\"a\": [\n  2,\n  3\n]}");
    assert_eq!(remove_many(input, &[3, 2, 2]), "{\"a\": [\n  1,\n  2\n]}");
    assert_eq!(remove_many(input, &[0, 1, 2, 3]), "{\"a\": [\n]}");
    assert_eq!(remove_many(input, &[0, 2, 9]), "{\"a\": [\n  2,\n  4\n]}");
    let line = "{\"a\": [1, 2, 3, 4]}";
    assert_eq!(remove_many(line, &[1, 2]), "{\"a\": [1, 4]}");
    assert_eq!(remove_many(line, &[0, 2]), "{\"a\": [2, 4]}");
    assert_eq!(remove_many(line, &[2, 3]), "{\"a\": [1, 2]}");
    let commented = "{\"a\": [\n  1, // one\n  // about two\n  2,\n  3 // three\n]}";
    assert_eq!(
        remove_many(commented, &[0, 1]),
        "{\"a\": [\n  3 // three\n]}"
    );
    // As for one element: an own-line comment before the run stays.
    assert_eq!(
        remove_many(commented, &[1, 2]),
        "{\"a\": [\n  1 // one\n  // about two\n]}"
    );
    let doc = Document::parse(input.as_bytes(), path()).unwrap();
    let array = doc.get(&["a"]).unwrap().unwrap().as_array().unwrap();
    assert!(doc.remove_elements(array, &[4, 7]).is_none());
}

#[test]
fn remove_property_at_an_index() {
    let input = "{\n  \"A:b\": 1, // why\n  \"c\": 2\n}";
    let out = edited(input, |doc| {
        doc.remove_property_at(doc.root().as_object().unwrap(), 0)
            .unwrap()
    });
    assert_eq!(out, "{\n  \"c\": 2\n}");
}

#[test]
fn moved_maps_untouched_spans_and_refuses_touched_ones() {
    let input = "[10, 20, 30]";
    let doc = Document::parse(input.as_bytes(), path()).unwrap();
    let array = doc.root().as_array().unwrap();
    let edit = doc.remove_element(array, 1).unwrap();
    let out = edit.apply(input.as_bytes()).text;
    assert_eq!(out, b"[10, 30]");
    let span = |i: usize| doc.span(&array.elements[i]);
    assert_eq!(edit.moved(span(0)), Some(1..3));
    assert_eq!(edit.moved(span(1)), None);
    assert_eq!(edit.moved(span(2)), Some(5..7));
    assert_eq!(&out[5..7], b"30");
    // An insertion right before a span moves it; one right after does not.
    let push = doc.push_element(array, &json!(40));
    assert_eq!(push.moved(span(2)), Some(span(2)));
    assert_eq!(push.moved(doc.span(array)), None);
}
