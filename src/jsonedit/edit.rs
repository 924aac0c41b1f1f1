//! The edits: append to an array or object, replace a value, remove an element or property.
//!
//! New text copies the layout around it: the last sibling's indentation (one level deeper
//! than the container's line when it is empty), the step its own children use, the file's
//! line ending, `": "` or `":"` as the siblings have it, and one line for one-line containers.

use serde_json::Value as Json;

use super::layout::{
    find_comma, indent_step, is_blank, is_multiline, line_break_end, line_indent, line_start,
    same_line_tail, starts_line,
};
use super::render::{self, Inline, Style};
use super::tree::{Array, Object, Span, Spanned, Value};
use super::{Document, Edit, Splice};
use crate::error::Result;

/// Used only for a multi-line file with no indentation to copy anywhere.
const DEFAULT_UNIT: &str = "  ";

/// How a sibling lays out its members: their exact indentation, and the step from the
/// sibling's own line to them when that indentation extends it.
#[derive(Debug, Clone, Copy)]
struct Members<'a> {
    indent: &'a str,
    step: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// Adds `value` as the last element of `array`.
    pub fn push_element(&self, array: &Array<'a>, value: &Json) -> Edit {
        let last = array.elements.last().map(|v| (v.span(), v));
        let members = self.sibling_layout(array.elements.iter());
        self.append(array.span, last, members, "", value, Inline::COMPACT)
    }

    /// Adds `"name": value` as the last property of `object`; refuses a name already there.
    pub fn push_property(&self, object: &Object<'a>, name: &str, value: &Json) -> Result<Edit> {
        if self.property(object, name)?.is_some() {
            let why = format!("{name:?} is already there");
            let hint = "this is a bug in certkit; please report it";
            return Err(self.error("cannot edit JSON", why, hint));
        }
        let last = object.properties.last();
        // An empty object takes the separators of the object around it, if any.
        let sample = match last {
            Some(_) => Some(object),
            None => self
                .parent_of(object.span)
                .and_then(Value::as_object)
                .filter(|parent| !parent.properties.is_empty()),
        };
        let (colon, inline) = match sample.and_then(|o| Some((o, o.properties.last()?))) {
            Some((o, p)) => {
                let colon = self.colon(p.name.span.end, p.value.span().start);
                (colon, self.inline_style(o, colon))
            }
            None => (": ", Inline::COMPACT),
        };
        let prefix = format!("{}{colon}", render::key(name));
        let members = self.sibling_layout(object.properties.iter().map(|p| &p.value));
        Ok(self.append(
            object.span,
            last.map(|p| (p.span(), &p.value)),
            members,
            &prefix,
            value,
            inline,
        ))
    }

    /// The separators a one-line object uses, for a value written inside it: its colon, the
    /// comma and spaces between its last two properties (`", "` after `": "` when it has one),
    /// and the spaces inside its braces.
    fn inline_style(&self, object: &Object<'a>, colon: &'a str) -> Inline<'a> {
        let t = self.text.as_bytes();
        let props = &object.properties;
        let between = |a: Span, b: Span| {
            let comma = find_comma(t, a.end, b.start)?;
            let gap = &self.text[comma..b.start];
            is_blank(t, comma + 1, b.start).then_some(gap)
        };
        let comma = match props.len() {
            n if n >= 2 => between(props[n - 2].span(), props[n - 1].span()),
            _ => None,
        }
        .unwrap_or(if colon.ends_with(':') { "," } else { ", " });
        let open = object.span.start + 1;
        let pad_len = t[open..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let pad = if props.is_empty() {
            ""
        } else {
            &self.text[open..open + pad_len]
        };
        Inline { colon, comma, pad }
    }

    /// Replaces `node` with `value`, laid out at the node's place.
    pub fn replace(&self, node: &Value<'a>, value: &Json) -> Edit {
        let t = self.text.as_bytes();
        let range = node.span();
        let text = if is_multiline(t) {
            let base = line_indent(t, range.start);
            let unit = self
                .inner_unit(node, base)
                .unwrap_or_else(|| self.unit_for(range));
            render::pretty(value, &self.style(base, unit))
        } else {
            render::compact(value)
        };
        Edit::new(vec![self.splice(range.start..range.end, text)])
    }

    /// Removes element `index` of `array` with its comma; None when there is no such element.
    pub fn remove_element(&self, array: &Array<'a>, index: usize) -> Option<Edit> {
        self.remove_elements(array, &[index])
    }

    /// Removes the elements at `indices` (any order; out of range ones ignored) with their
    /// commas, in one edit; None when none is there. Adjacent elements go as one run: the
    /// comments between two removed elements go with them; as for a single element, comments
    /// on their own lines before a run, and those after kept elements, stay.
    pub fn remove_elements(&self, array: &Array<'a>, indices: &[usize]) -> Option<Edit> {
        let items: Vec<Span> = array.elements.iter().map(Spanned::span).collect();
        self.remove_items(array.span, &items, indices)
    }

    /// Removes the properties at `indices` of `object`, as [`Document::remove_elements`] does
    /// elements. For callers that match names their own way (configuration keys ignore case).
    pub fn remove_properties_at(&self, object: &Object<'a>, indices: &[usize]) -> Option<Edit> {
        let items: Vec<Span> = object.properties.iter().map(Spanned::span).collect();
        self.remove_items(object.span, &items, indices)
    }

    fn remove_items(&self, container: Span, items: &[Span], indices: &[usize]) -> Option<Edit> {
        let mut wanted: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| i < items.len())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut splices = Vec::new();
        let mut rest = wanted.as_slice();
        while let Some(&first) = rest.first() {
            let run = rest
                .iter()
                .zip(first..)
                .take_while(|(&i, n)| i == *n)
                .count();
            splices.extend(self.remove_run(container, items, first, first + run - 1));
            rest = &rest[run..];
        }
        (!splices.is_empty()).then(|| Edit::new(splices))
    }

    /// Removes property `name` of `object` with its comma; None when it is not there.
    pub fn remove_property(&self, object: &Object<'a>, name: &str) -> Result<Option<Edit>> {
        if self.property(object, name)?.is_none() {
            return Ok(None);
        }
        let index = object
            .properties
            .iter()
            .position(|p| p.name.as_str() == name);
        Ok(index.and_then(|i| self.remove_property_at(object, i)))
    }

    /// Removes the property at `index` of `object` with its comma; None when there is none.
    /// For callers that match names their own way (configuration keys ignore case).
    pub fn remove_property_at(&self, object: &Object<'a>, index: usize) -> Option<Edit> {
        let items: Vec<Span> = object.properties.iter().map(Spanned::span).collect();
        (index < items.len()).then(|| Edit::new(self.remove_run(object.span, &items, index, index)))
    }

    fn append(
        &self,
        container: Span,
        last: Option<(Span, &Value<'a>)>,
        members: Option<Members<'a>>,
        prefix: &str,
        value: &Json,
        inline: Inline,
    ) -> Edit {
        match last {
            Some((item, _)) => self.append_after(container, item, members, prefix, value, inline),
            None => self.fill_empty(container, prefix, value, inline),
        }
    }

    /// How the nearest sibling (from the last back) that has its members on lines of their
    /// own indents them. A mixed file (a tab, then spaces) is copied exactly, and one-line
    /// siblings (`{}`) do not hide the layout of the multi-line ones before them.
    fn sibling_layout<'v>(
        &self,
        siblings: impl DoubleEndedIterator<Item = &'v Value<'a>>,
    ) -> Option<Members<'a>>
    where
        'a: 'v,
    {
        // Bounded: each look scans back to its line start, and lines can be long.
        const LOOK_BACK: usize = 16;
        let t = self.text.as_bytes();
        siblings.rev().take(LOOK_BACK).find_map(|sibling| {
            let first = match sibling {
                Value::Object(o) => o.properties.first().map(|p| p.span().start),
                Value::Array(a) => a.elements.first().map(|v| v.span().start),
                _ => None,
            }?;
            if !starts_line(t, first) {
                return None;
            }
            let indent = line_indent(t, first);
            let step = indent_step(indent, line_indent(t, sibling.span().start));
            Some(Members { indent, step })
        })
    }

    fn append_after(
        &self,
        container: Span,
        item: Span,
        members: Option<Members<'a>>,
        prefix: &str,
        value: &Json,
        inline: Inline,
    ) -> Edit {
        let t = self.text.as_bytes();
        let close = container.end - 1;
        let comma = find_comma(t, item.end, close);
        let anchor = comma.map_or(item.end, |c| c + 1);
        let separator = if comma.is_some() { "" } else { "," };
        if !starts_line(t, item.start) {
            // The gap after a comma: the one the siblings use, else a space if the item has one.
            let space = match inline.comma.strip_prefix(',') {
                Some(gap) if !gap.is_empty() => gap,
                _ if t[item.start - 1].is_ascii_whitespace() => " ",
                _ => "",
            };
            let text = format!(
                "{separator}{space}{prefix}{}",
                render::inline(value, inline)
            );
            return Edit::new(vec![self.splice(anchor..anchor, text)]);
        }
        let base = line_indent(t, item.start);
        let container_step = || indent_step(base, line_indent(t, container.start));
        let unit = members
            .and_then(|m| m.step.or_else(|| indent_step(m.indent, base)))
            .or_else(container_step)
            .unwrap_or_else(|| self.doc_unit());
        let style = Style {
            child: members.map(|m| m.indent),
            ..self.style(base, unit)
        };
        let pretty = render::pretty(value, &style);
        let entry = format!("{}{base}{prefix}{pretty}", self.newline);
        // A comment after the last item on its line stays with it: the comma goes right after
        // the item, the new entry after the comment.
        let tail = same_line_tail(t, anchor, close);
        let splices = match comma {
            None if tail != item.end => vec![
                self.splice(item.end..item.end, ",".into()),
                self.splice(tail..tail, entry),
            ],
            _ => vec![self.splice(tail..tail, format!("{separator}{entry}"))],
        };
        Edit::new(splices)
    }

    fn fill_empty(&self, container: Span, prefix: &str, value: &Json, inline: Inline) -> Edit {
        let t = self.text.as_bytes();
        let (open, close) = (container.start, container.end - 1);
        if !is_multiline(t) {
            let pad = inline.pad;
            let text = format!("{pad}{prefix}{}{pad}", render::inline(value, inline));
            let at = if is_blank(t, open + 1, close) {
                open + 1
            } else {
                close
            };
            return Edit::new(vec![self.splice(at..close, text)]);
        }
        let outer = line_indent(t, open);
        let unit = self.unit_for(container);
        let base = format!("{outer}{unit}");
        let pretty = render::pretty(value, &self.style(&base, unit));
        let (entry, nl) = (format!("{base}{prefix}{pretty}"), self.newline);
        let splice = if starts_line(t, close) {
            // Blank lines and comments inside the brackets stay above the new entry.
            let at = line_start(t, close);
            self.splice(at..at, format!("{entry}{nl}"))
        } else if is_blank(t, open + 1, close) {
            self.splice(open + 1..close, format!("{nl}{entry}{nl}{outer}"))
        } else {
            self.splice(close..close, format!("{nl}{entry}{nl}{outer}"))
        };
        Edit::new(vec![splice])
    }

    /// The splices removing `items[first..=last]`, taken as one item.
    fn remove_run(
        &self,
        container: Span,
        items: &[Span],
        first: usize,
        last: usize,
    ) -> Vec<Splice> {
        let t = self.text.as_bytes();
        let close = container.end - 1;
        let item = Span {
            start: items[first].start,
            end: items[last].end,
        };
        let previous = first.checked_sub(1).map(|i| items[i]);
        match (previous, items.get(last + 1)) {
            (Some(prev), None) if find_comma(t, item.end, close).is_none() => {
                let cut = self.cut(item, close);
                if cut.start == item.start {
                    // On one line: the spaces before the bracket stay, `{ "a": 1 }`.
                    let blank = t[item.end..cut.end]
                        .iter()
                        .rev()
                        .take_while(|&&b| b == b' ' || b == b'\t')
                        .count();
                    vec![self.splice(prev.end..cut.end - blank, String::new())]
                } else {
                    // The previous item's comma goes too; comments after it stay.
                    let comma = find_comma(t, prev.end, item.start).expect("parser saw a comma");
                    vec![
                        self.splice(comma..comma + 1, String::new()),
                        self.splice(cut, String::new()),
                    ]
                }
            }
            (_, next) => {
                let limit = next.map_or(close, |n| n.start);
                vec![self.splice(self.cut(item, limit), String::new())]
            }
        }
    }

    /// The bytes that go with an item: its comma and same-line comments, and its whole line
    /// when it had the line to itself. `limit` is where the next item (or the bracket) starts.
    fn cut(&self, item: Span, limit: usize) -> std::ops::Range<usize> {
        let t = self.text.as_bytes();
        let after_comma = find_comma(t, item.end, limit).map_or(item.end, |c| c + 1);
        let tail = same_line_tail(t, after_comma, limit);
        let blank = t[tail..limit]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let eol = tail + blank;
        let after_break = line_break_end(t, eol);
        if starts_line(t, item.start) && after_break > eol {
            line_start(t, item.start)..after_break
        } else {
            item.start..eol
        }
    }

    fn style<'s>(&self, base: &'s str, unit: &'s str) -> Style<'s> {
        Style {
            base,
            unit,
            child: None,
            newline: self.newline,
        }
    }

    /// The indentation step a container's own children use, relative to `base`.
    fn inner_unit(&self, value: &Value<'a>, base: &str) -> Option<&'a str> {
        let first = match value {
            Value::Object(o) => o.properties.first().map(|p| p.span().start),
            Value::Array(a) => a.elements.first().map(|v| v.span().start),
            _ => None,
        }?;
        let t = self.text.as_bytes();
        starts_line(t, first)
            .then(|| indent_step(line_indent(t, first), base))
            .flatten()
    }

    /// The step from the enclosing container's line to `target`'s line, else the file's.
    fn unit_for(&self, target: Span) -> &'a str {
        let t = self.text.as_bytes();
        self.parent_of(target)
            .and_then(|parent| {
                indent_step(
                    line_indent(t, target.start),
                    line_indent(t, parent.span().start),
                )
            })
            .unwrap_or_else(|| self.doc_unit())
    }

    /// The step the top level uses, from the root's first child on a line of its own.
    fn doc_unit(&self) -> &'a str {
        let t = self.text.as_bytes();
        let root = self.root.span();
        self.inner_unit(&self.root, line_indent(t, root.start))
            .unwrap_or(DEFAULT_UNIT)
    }

    /// The container holding `target`, found by walking down from the root (no parent links).
    fn parent_of(&self, target: Span) -> Option<&Value<'a>> {
        let mut node = &self.root;
        loop {
            let contains = |v: &&Value<'a>| {
                let span = v.span();
                span.start <= target.start && target.end <= span.end
            };
            let child = match node {
                Value::Object(o) => o.properties.iter().map(|p| &p.value).find(contains),
                Value::Array(a) => a.elements.iter().find(contains),
                _ => None,
            }?;
            if child.span() == target {
                return Some(node);
            }
            node = child;
        }
    }

    /// `": "` or `":"`, as the sibling has it between name and value.
    fn colon(&self, name_end: usize, value_start: usize) -> &'a str {
        let between = &self.text[name_end..value_start];
        if between.trim_matches([' ', '\t']) == ":" {
            between
        } else {
            ": "
        }
    }
}
