//! A settings file as .NET's configuration sees it (JsonConfigurationFileParser): every
//! property name adds its `:`-separated segments to the key, array elements add their index,
//! keys compare ignoring case. So `{"AzureAd": {"ClientSecret": "x"}}` and
//! `{"AzureAd:ClientSecret": "x"}` (what `dotnet user-secrets set` writes) are the same
//! setting, and the planner must find either.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::jsonedit::{Array, Document, Object, Spanned, Value};

/// Where a value sits in the JSON text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Place<'d, 'a> {
    Root,
    Property {
        object: &'d Object<'a>,
        index: usize,
    },
    Element {
        array: &'d Array<'a>,
        index: usize,
    },
}

/// One JSON value and the configuration key it stands for.
#[derive(Debug)]
pub(crate) struct Node<'d, 'a> {
    /// Segments as written (case kept); compare with [`same_key`] / [`has_prefix`].
    pub key: Vec<String>,
    pub value: &'d Value<'a>,
    pub place: Place<'d, 'a>,
}

pub(crate) struct View<'d, 'a> {
    pub doc: &'d Document<'a>,
    /// Every value in file order, containers before their content.
    pub nodes: Vec<Node<'d, 'a>>,
}

impl<'d, 'a> View<'d, 'a> {
    pub fn new(doc: &'d Document<'a>) -> Result<Self> {
        let root = doc.root_object(
            "not a settings file",
            "app settings and user secrets are one JSON object, `{ ... }`",
        )?;
        let mut view = View {
            doc,
            nodes: Vec::new(),
        };
        view.nodes.push(Node {
            key: Vec::new(),
            value: doc.root(),
            place: Place::Root,
        });
        view.walk_object(&[], root);
        Ok(view)
    }

    // Recursion is bounded by the parser's nesting limit.
    fn walk_object(&mut self, prefix: &[String], object: &'d Object<'a>) {
        for (index, prop) in object.properties.iter().enumerate() {
            let mut key = prefix.to_vec();
            key.extend(prop.name.as_str().split(':').map(str::to_string));
            self.walk(key, &prop.value, Place::Property { object, index });
        }
    }

    fn walk(&mut self, key: Vec<String>, value: &'d Value<'a>, place: Place<'d, 'a>) {
        self.nodes.push(Node {
            key: key.clone(),
            value,
            place,
        });
        match value {
            Value::Object(object) => self.walk_object(&key, object),
            Value::Array(array) => {
                for (index, element) in array.elements.iter().enumerate() {
                    let mut key = key.clone();
                    key.push(index.to_string());
                    self.walk(key, element, Place::Element { array, index });
                }
            }
            _ => {}
        }
    }

    /// Every value whose key is `key`.
    pub fn find<'v>(&'v self, key: &'v [&str]) -> impl Iterator<Item = &'v Node<'d, 'a>> + 'v {
        self.nodes.iter().filter(move |n| same_key(&n.key, key))
    }

    /// True when some value's key starts with `prefix`.
    pub fn has(&self, prefix: &[&str]) -> bool {
        self.nodes.iter().any(|n| has_prefix(&n.key, prefix))
    }

    /// The object holding the longest prefix of `key` (the root at worst), and that prefix's
    /// length: where a missing setting is added.
    pub fn deepest_object(&self, key: &[&str]) -> (&'d Object<'a>, usize) {
        let mut best: Option<(&'d Object<'a>, usize)> = None;
        for node in &self.nodes {
            if let (Value::Object(object), true) = (node.value, has_prefix_of(key, &node.key)) {
                if best.is_none_or(|(_, depth)| node.key.len() > depth) {
                    best = Some((object, node.key.len()));
                }
            }
        }
        best.expect("the root is an object")
    }

    /// The settings as .NET loads them: lower-cased key to value (None for an empty object).
    /// A key set twice is an error, as it is for .NET at startup.
    pub fn flatten(&self) -> Result<BTreeMap<String, Option<String>>> {
        let mut seen: BTreeMap<String, (usize, Option<String>)> = BTreeMap::new();
        for node in self.nodes.iter().filter(|n| !n.key.is_empty()) {
            let value = match node.value {
                Value::Object(o) if o.properties.is_empty() => None,
                Value::Object(_) | Value::Array(_) | Value::Unread(_) => continue,
                scalar => Some(config_value(scalar).expect("a scalar")),
            };
            let key = node.key.join(":");
            let line = self.doc.line_column(self.doc.span(node.value).start).0;
            let lower = key.to_lowercase();
            if let Some((first, _)) = seen.get(&lower).filter(|_| value.is_some()) {
                return Err(self.duplicate(&key, *first, line));
            }
            seen.insert(lower, (line, value));
        }
        Ok(seen.into_iter().map(|(k, (_, v))| (k, v)).collect())
    }

    fn duplicate(&self, key: &str, first: usize, again: usize) -> Error {
        Error::bad_file(
            "ambiguous settings",
            self.doc.path(),
            format!("{key} is set twice (lines {first} and {again}); .NET refuses to start with this file (\"A duplicate key '{key}' was found\")"),
            "keep one of them (keys ignore case; \"A:B\" and nested {\"A\": {\"B\": ...}} are the same key), then run the command again",
        )
    }

    /// The line a value starts on, for messages.
    pub fn line(&self, value: &impl Spanned) -> usize {
        self.doc.line_column(self.doc.span(value).start).0
    }
}

/// A scalar as configuration reads it: strings as they are, numbers as written, booleans as
/// `True`/`False` (JsonElement.ToString), null as empty. None for containers.
pub(crate) fn config_value(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.value.to_string()),
        Value::Number(n) => Some(n.text.to_string()),
        Value::Bool(b) => Some(if b.value { "True" } else { "False" }.to_string()),
        Value::Null(_) => Some(String::new()),
        _ => None,
    }
}

/// Configuration keys ignore case.
pub(crate) fn same_key(key: &[String], wanted: &[&str]) -> bool {
    key.len() == wanted.len() && has_prefix(key, wanted)
}

pub(crate) fn has_prefix(key: &[String], prefix: &[&str]) -> bool {
    key.len() >= prefix.len()
        && key
            .iter()
            .zip(prefix)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// `prefix` (of a node) is a prefix of the wanted `key`.
fn has_prefix_of(key: &[&str], prefix: &[String]) -> bool {
    prefix.len() <= key.len()
        && prefix
            .iter()
            .zip(key)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
}

/// True when the object's own names are flat configuration keys (`"AzureAd:ClientId"`), as
/// `dotnet user-secrets` writes them; new settings there are written the same way.
pub(crate) fn uses_flat_names(object: &Object) -> bool {
    object
        .properties
        .iter()
        .any(|p| p.name.as_str().contains(':'))
}
