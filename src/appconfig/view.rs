//! A settings file as .NET's configuration sees it (JsonConfigurationFileParser): every
//! property name adds its `:`-separated segments to the key, array elements add their index,
//! keys compare ignoring case. So `{"AzureAd": {"ClientSecret": "x"}}` and
//! `{"AzureAd:ClientSecret": "x"}` (what `dotnet user-secrets set` writes) are the same
//! setting, and the planner must find either.
//!
//! Only the AzureAd section is read closely, and only the containers the planner looks into:
//! the file is parsed with the other top-level values left unread, and only AzureAd,
//! AzureAd:Asymmetric, the credential list and its descriptions are walked; other containers
//! are kept whole, compared by their text. Settings files can be large and hostile
//! (deep nesting, long names, huge arrays); this keeps the cost of a patch linear in the size
//! of the file. Keys are lower-cased and interned once per segment as written, so comparing
//! or hashing a key never copies its prefix.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::jsonedit::{Array, Document, Focus, Object, Spanned, Value};

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

/// One JSON value and the configuration key it stands for. Kept small: a file can have a
/// great many of them.
#[derive(Debug)]
pub(crate) struct Node<'d, 'a> {
    /// The key's segments folded (case ignored) and interned (see [`View::ids`]): keys compare with
    /// these. [`View::key`] has them as written.
    pub ids: Vec<u32>,
    /// How many leading segments are the enclosing container's key; the rest come from this
    /// value's own property name or index.
    pub inherited: usize,
    /// The enclosing container's node.
    parent: u32,
    pub value: &'d Value<'a>,
    pub place: Place<'d, 'a>,
}

/// What a setting holds, as compared before and after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Setting<'a> {
    /// A scalar as configuration reads it; None for an empty object.
    Value(Option<String>),
    /// A container that was not read: its text.
    Whole(&'a str),
}

pub(crate) struct View<'d, 'a> {
    pub doc: &'d Document<'a>,
    /// The values read, in file order, containers before their content.
    pub nodes: Vec<Node<'d, 'a>>,
    /// Folded segment (see [`fold`]) to id, and back; and each as first written.
    interned: HashMap<String, u32>,
    segments: Vec<String>,
    spellings: Vec<String>,
}

/// Parses a settings file, recording only the top-level values whose key is in AzureAd.
pub(crate) fn parse<'a>(text: &'a [u8], path: &Path) -> Result<Document<'a>> {
    Document::parse_focused(text, path, Focus::RootWhere(in_azure_ad))
}

const AZURE_AD_FOLDED: &str = "AZUREAD";
const ASYMMETRIC_FOLDED: &str = "ASYMMETRIC";
const LISTS_FOLDED: [&str; 2] = ["CLIENTCREDENTIALS", "CLIENTCERTIFICATES"];

fn in_azure_ad(name: &str) -> bool {
    name.split(':').next().map(fold).as_deref() == Some(AZURE_AD_FOLDED)
}

/// Configuration keys ignore case as .NET's OrdinalIgnoreCase does: each character's simple
/// upper case, so the Kelvin sign (U+212A) is not a `k`, and `ß` is not `SS`.
pub(crate) fn fold(segment: &str) -> String {
    segment
        .chars()
        .map(|c| {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        })
        .collect()
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
            interned: HashMap::new(),
            segments: Vec::new(),
            spellings: Vec::new(),
        };
        view.nodes.push(Node {
            ids: Vec::new(),
            inherited: 0,
            parent: 0,
            value: doc.root(),
            place: Place::Root,
        });
        view.walk_object(0, root);
        Ok(view)
    }

    /// Records the content of the container that is node `parent`. Recursion is bounded:
    /// only the containers on the way to what the planner edits are walked (see [`walked`]).
    fn walk_object(&mut self, parent: usize, object: &'d Object<'a>) {
        for (index, prop) in object.properties.iter().enumerate() {
            let own = prop.name.as_str().split(':');
            self.add(parent, own, &prop.value, Place::Property { object, index });
        }
    }

    fn walk_array(&mut self, parent: usize, array: &'d Array<'a>) {
        for (index, element) in array.elements.iter().enumerate() {
            let own = std::iter::once(index.to_string());
            self.add(parent, own, element, Place::Element { array, index });
        }
    }

    fn add<S: AsRef<str>>(
        &mut self,
        parent: usize,
        own: impl Iterator<Item = S>,
        value: &'d Value<'a>,
        place: Place<'d, 'a>,
    ) {
        let mut ids = self.nodes[parent].ids.clone();
        let inherited = ids.len();
        for segment in own {
            let id = self.intern(segment.as_ref());
            ids.push(id);
        }
        let walk = self.walked(&ids, value);
        let at = self.nodes.len();
        self.nodes.push(Node {
            ids,
            inherited,
            parent: u32::try_from(parent).expect("a settings file is under 4 GB"),
            value,
            place,
        });
        match value {
            Value::Object(object) if walk => self.walk_object(at, object),
            Value::Array(array) if walk => self.walk_array(at, array),
            _ => {}
        }
    }

    /// The containers whose content the planner reads: AzureAd, AzureAd:Asymmetric, the
    /// credential list and its descriptions. Everything else is kept whole.
    fn walked(&self, ids: &[u32], value: &Value) -> bool {
        let is = |i: usize, name: &str| {
            ids.get(i)
                .is_some_and(|&id| self.segments[id as usize] == name)
        };
        let list = || LISTS_FOLDED.iter().any(|l| is(1, l));
        let object = matches!(value, Value::Object(_));
        match ids.len() {
            1 => is(0, AZURE_AD_FOLDED) && object,
            2 => is(0, AZURE_AD_FOLDED) && ((is(1, ASYMMETRIC_FOLDED) && object) || list()),
            3 => is(0, AZURE_AD_FOLDED) && list() && object,
            _ => false,
        }
    }

    /// The key of `node` as written (case kept), for messages and indexes.
    pub fn key(&self, node: &Node<'d, 'a>) -> Vec<Cow<'d, str>> {
        let mut key = match node.place {
            Place::Root => return Vec::new(),
            _ => self.key(&self.nodes[node.parent as usize]),
        };
        match node.place {
            Place::Property { object, index } => key.extend(
                object.properties[index]
                    .name
                    .as_str()
                    .split(':')
                    .map(Cow::Borrowed),
            ),
            Place::Element { index, .. } => key.push(Cow::Owned(index.to_string())),
            Place::Root => {}
        }
        key
    }

    /// The last segment of the key of `node` as written, without building the whole key.
    pub fn last_segment(&self, node: &Node<'d, 'a>) -> Cow<'d, str> {
        match node.place {
            Place::Property { object, index } => {
                let name = object.properties[index].name.as_str();
                Cow::Borrowed(name.rsplit(':').next().unwrap_or(name))
            }
            Place::Element { index, .. } => Cow::Owned(index.to_string()),
            Place::Root => Cow::Borrowed(""),
        }
    }

    /// The key as configuration writes it, `AzureAd:ClientSecret`.
    pub fn name(&self, node: &Node<'d, 'a>) -> String {
        self.key(node).join(":")
    }

    fn intern(&mut self, segment: &str) -> u32 {
        let folded = fold(segment);
        if let Some(&id) = self.interned.get(&folded) {
            return id;
        }
        let id = u32::try_from(self.segments.len()).expect("a settings file is under 4 GB");
        self.segments.push(folded.clone());
        self.spellings.push(segment.to_string());
        self.interned.insert(folded, id);
        id
    }

    /// The ids of a wanted key's segments, as far as the file has them.
    pub fn ids(&self, key: &[&str]) -> Vec<Option<u32>> {
        key.iter()
            .map(|s| self.interned.get(&fold(s)).copied())
            .collect()
    }

    /// The folded segment an id stands for.
    pub fn segment(&self, id: u32) -> &str {
        &self.segments[id as usize]
    }

    /// The segment an id stands for as the file first writes it, for messages.
    pub fn spelling(&self, id: u32) -> &str {
        &self.spellings[id as usize]
    }

    /// How many distinct segments the file has (ids are below this).
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// The id of a folded segment, if the file has it.
    pub fn id_of_folded(&self, segment: &str) -> Option<u32> {
        self.interned.get(segment).copied()
    }

    /// Every value whose key is `key`.
    pub fn find<'v>(&'v self, key: &[&str]) -> impl Iterator<Item = &'v Node<'d, 'a>> + 'v {
        let wanted = self.ids(key);
        self.nodes
            .iter()
            .filter(move |n| n.ids.len() == wanted.len() && starts_with(&n.ids, &wanted))
    }

    /// Every value whose key starts with `prefix`.
    pub fn under<'v>(&'v self, prefix: &[&str]) -> impl Iterator<Item = &'v Node<'d, 'a>> + 'v {
        let wanted = self.ids(prefix);
        self.nodes
            .iter()
            .filter(move |n| starts_with(&n.ids, &wanted))
    }

    /// True when some value's key starts with `prefix`.
    pub fn has(&self, prefix: &[&str]) -> bool {
        self.under(prefix).next().is_some()
    }

    /// The object holding the longest prefix of `key` (the root at worst), and that prefix's
    /// length: where a missing setting is added.
    pub fn deepest_object(&self, key: &[&str]) -> (&'d Object<'a>, usize) {
        let wanted = self.ids(key);
        let mut best: Option<(&'d Object<'a>, usize)> = None;
        for node in &self.nodes {
            let on_the_way = node.ids.len() <= wanted.len()
                && node.ids.iter().zip(&wanted).all(|(a, b)| Some(*a) == *b);
            if let (Value::Object(object), true) = (node.value, on_the_way) {
                if best.is_none_or(|(_, depth)| node.ids.len() > depth) {
                    best = Some((object, node.ids.len()));
                }
            }
        }
        best.expect("the root is an object")
    }

    /// The settings as .NET loads them, by key ids, and the containers kept whole (in file
    /// order, with their keys). A key set twice is an error, as it is for .NET at startup;
    /// inside containers kept whole that is not checked.
    #[allow(clippy::type_complexity)]
    pub fn flatten(&self) -> Result<(HashMap<&[u32], Setting<'a>>, Vec<(&[u32], Setting<'a>)>)> {
        let mut seen: HashMap<&[u32], (usize, Setting<'a>)> = HashMap::new();
        let mut whole = Vec::new();
        for node in self.nodes.iter().skip(1) {
            let walked = self.nodes_under_walked(node);
            let value = match node.value {
                Value::Object(o) if o.properties.is_empty() => None,
                Value::Object(_) | Value::Array(_) if walked => continue,
                Value::Object(_) | Value::Array(_) | Value::Unread(_) => {
                    whole.push((&node.ids[..], Setting::Whole(self.doc.source(node.value))));
                    continue;
                }
                scalar => Some(config_value(scalar).expect("a scalar")),
            };
            let at = self.doc.span(node.value).start;
            if let Some((first, _)) = seen.get(&node.ids[..]).filter(|_| value.is_some()) {
                return Err(self.duplicate(node, *first, at));
            }
            seen.insert(&node.ids, (at, Setting::Value(value)));
        }
        let values = seen.into_iter().map(|(k, (_, v))| (k, v)).collect();
        Ok((values, whole))
    }

    /// True when the content of `node` (a container) was read into nodes.
    fn nodes_under_walked(&self, node: &Node) -> bool {
        self.walked(&node.ids, node.value)
    }

    fn duplicate(&self, node: &Node<'d, 'a>, first: usize, again: usize) -> Error {
        let key = self.name(node);
        let line = |at| self.doc.line_column(at).0;
        Error::bad_file(
            "ambiguous settings",
            self.doc.path(),
            format!("{key} is set twice (lines {} and {}); .NET refuses to start with this file (\"A duplicate key '{key}' was found\")", line(first), line(again)),
            "keep one of them (keys ignore case; \"A:B\" and nested {\"A\": {\"B\": ...}} are the same key), then run the command again",
        )
    }

    /// The line a value starts on, for messages.
    pub fn line(&self, value: &impl Spanned) -> usize {
        self.doc.line_column(self.doc.span(value).start).0
    }
}

/// `key` starts with the ids `prefix` (a segment the file does not have matches nothing).
fn starts_with(key: &[u32], prefix: &[Option<u32>]) -> bool {
    key.len() >= prefix.len() && key.iter().zip(prefix).all(|(a, b)| Some(*a) == *b)
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

/// True when the object's own names are flat configuration keys (`"AzureAd:ClientId"`), as
/// `dotnet user-secrets` writes them; new settings there are written the same way.
pub(crate) fn uses_flat_names(object: &Object) -> bool {
    object
        .properties
        .iter()
        .any(|p| p.name.as_str().contains(':'))
}
