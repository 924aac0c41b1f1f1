//! The `UserSecretsId` property of an MSBuild project file, read as XML (not searched for as
//! text): elements in a `<PropertyGroup>`, names ignoring case as MSBuild's do, comments and
//! processing instructions skipped, the content decoded (the five predefined entities,
//! character references, CDATA). A value that still holds markup (an element, a comment) is
//! refused: MSBuild would take it as raw XML, which is never a usable id.

/// One `<UserSecretsId>` in a `<PropertyGroup>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Definition {
    /// The decoded content, not trimmed.
    pub value: String,
    /// 1-based line of its start tag.
    pub line: usize,
    /// It, its group or an enclosing element has a Condition (or sits in a Choose or a
    /// Target), so certkit cannot tell whether MSBuild applies it.
    pub conditional: bool,
}

/// Why the project could not be read, with the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable {
    pub line: usize,
    pub why: String,
}

const PROPERTY: &str = "UserSecretsId";

struct Open<'t> {
    name: &'t str,
    conditional: bool,
}

/// Every definition of the property, in document order.
pub(crate) fn definitions(text: &str) -> Result<Vec<Definition>, Unreadable> {
    let mut scan = Scanner {
        text,
        pos: 0,
        line: 1,
        counted: 0,
    };
    let mut open: Vec<Open> = Vec::new();
    let mut found = Vec::new();
    while let Some(at) = text[scan.pos..].find('<').map(|i| scan.pos + i) {
        scan.pos = at;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            scan.skip_past("-->", "a comment")?;
        } else if rest.starts_with("<?") {
            scan.skip_past("?>", "a processing instruction")?;
        } else if rest.starts_with("<![CDATA[") {
            scan.skip_past("]]>", "a CDATA section")?;
        } else if rest.starts_with("<!") {
            return Err(
                scan.fail("a <!DOCTYPE> or other declaration, which MSBuild does not accept")
            );
        } else if rest.starts_with("</") {
            scan.skip_past(">", "an end tag")?;
            open.pop();
        } else {
            let tag = scan.tag()?;
            let in_group = open
                .last()
                .is_some_and(|o| o.name.eq_ignore_ascii_case("PropertyGroup"));
            let conditional = tag.conditional
                || open.iter().any(|o| {
                    o.conditional
                        || ["Choose", "When", "Otherwise", "Target"]
                            .iter()
                            .any(|n| o.name.eq_ignore_ascii_case(n))
                });
            if in_group && tag.name.eq_ignore_ascii_case(PROPERTY) {
                let line = scan.line_of(at);
                let value = if tag.empty {
                    String::new()
                } else {
                    scan.content(tag.name)?
                };
                found.push(Definition {
                    value,
                    line,
                    conditional,
                });
            } else if !tag.empty {
                open.push(Open {
                    name: tag.name,
                    conditional,
                });
            }
        }
    }
    Ok(found)
}

struct Tag<'t> {
    name: &'t str,
    /// `<name/>`.
    empty: bool,
    conditional: bool,
}

struct Scanner<'t> {
    text: &'t str,
    pos: usize,
    /// The line at offset `counted`, so lines are counted once however many are asked for.
    line: usize,
    counted: usize,
}

impl<'t> Scanner<'t> {
    fn line_of(&mut self, at: usize) -> usize {
        if at >= self.counted {
            self.line += self.text[self.counted..at].matches('\n').count();
            self.counted = at;
        }
        self.line
    }

    fn fail(&mut self, what: &str) -> Unreadable {
        Unreadable {
            line: self.line_of(self.pos),
            why: format!("it has {what}"),
        }
    }

    fn skip_past(&mut self, end: &str, what: &str) -> Result<(), Unreadable> {
        match self.text[self.pos..].find(end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(())
            }
            None => Err(self.fail(&format!("{what} that is never closed"))),
        }
    }

    /// A start tag at `pos`: its name, whether it closes itself, whether it has a Condition.
    fn tag(&mut self) -> Result<Tag<'t>, Unreadable> {
        let text = self.text;
        let start = self.pos + 1;
        let name_len = text[start..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(text.len() - start);
        let name = &text[start..start + name_len];
        let mut pos = start + name_len;
        let mut quote: Option<char> = None;
        for (i, c) in text[pos..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    let attributes = &text[pos..pos + i];
                    let empty = attributes.trim_end().ends_with('/');
                    let conditional = has_condition(attributes);
                    pos += i + 1;
                    self.pos = pos;
                    return Ok(Tag {
                        name,
                        empty,
                        conditional,
                    });
                }
                (None, _) => {}
            }
        }
        Err(self.fail(&format!("a <{name}> tag that is never closed")))
    }

    /// The decoded text up to `</name>`, which it consumes.
    fn content(&mut self, name: &str) -> Result<String, Unreadable> {
        let mut value = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let stop = rest.find(['<', '&']).unwrap_or(rest.len());
            value.push_str(&rest[..stop]);
            self.pos += stop;
            let rest = &self.text[self.pos..];
            if rest.is_empty() {
                return Err(self.fail(&format!("a <{name}> that is never closed")));
            } else if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
                let Some(end) = cdata.find("]]>") else {
                    return Err(self.fail("a CDATA section that is never closed"));
                };
                value.push_str(&cdata[..end]);
                self.pos += "<![CDATA[".len() + end + "]]>".len();
            } else if rest.starts_with('&') {
                let end = rest.find(';').filter(|&e| e <= 12);
                let decoded = end.and_then(|e| entity(&rest[1..e]));
                let (Some(end), Some(c)) = (end, decoded) else {
                    let shown: String = rest.chars().take(12).collect();
                    return Err(self.fail(&format!(
                        "{shown:?} in <{name}>, which is not an XML entity MSBuild decodes"
                    )));
                };
                value.push(c);
                self.pos += end + 1;
            } else if let Some(close) = rest.strip_prefix("</") {
                let len = close.find('>').unwrap_or(close.len());
                if close[..len].trim_end() != name {
                    return Err(self.fail(&format!("<{name}> closed by </{}>", &close[..len])));
                }
                self.pos += 2 + len + 1;
                return Ok(value);
            } else {
                return Err(self.fail(&format!(
                    "markup (a comment or an element) inside <{name}>; MSBuild would take it as part of the id"
                )));
            }
        }
    }
}

/// `Condition="..."` among a tag's attributes (names ignore case in MSBuild).
fn has_condition(attributes: &str) -> bool {
    let mut rest = attributes;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim_end();
        let name = name.rsplit(char::is_whitespace).next().unwrap_or(name);
        if name.eq_ignore_ascii_case("Condition") {
            return true;
        }
        // Past the value: its quotes may hold '='.
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            return false;
        };
        let Some(end) = after[1..].find(q) else {
            return false;
        };
        rest = &after[1 + end + 1..];
    }
    false
}

/// The character an entity (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, usize, bool)> {
        definitions(text)
            .unwrap()
            .into_iter()
            .map(|d| (d.value, d.line, d.conditional))
            .collect()
    }

    fn why(text: &str) -> String {
        definitions(text).unwrap_err().why
    }

    #[test]
    fn finds_properties_as_msbuild_does() {
        let text = "<?xml version=\"1.0\"?>\n<Project Sdk=\"x\">\n<!-- <UserSecretsId>old</UserSecretsId> -->\n<PropertyGroup>\n<UserSecretsId />\n<usersecretsid> a&amp;b&#x41;&#66;<![CDATA[<c>]]> </usersecretsid>\n</PropertyGroup>\n<ItemGroup><None Include=\"a\"><UserSecretsId>metadata</UserSecretsId></None></ItemGroup>\n<PropertyGroup Condition=\"'$(Configuration)' == 'Debug'\"><UserSecretsId>dbg</UserSecretsId></PropertyGroup>\n<Choose><When Condition=\"x\"><PropertyGroup><UserSecretsId>w</UserSecretsId></PropertyGroup></When></Choose>\n</Project>";
        assert_eq!(
            values(text),
            [
                (String::new(), 5, false),
                (" a&bAB<c> ".to_string(), 6, false),
                ("dbg".to_string(), 9, true),
                ("w".to_string(), 10, true),
            ]
        );
    }

    #[test]
    fn attributes_may_hold_angle_brackets_and_equals() {
        let text = "<Project><PropertyGroup Label=\"a>b=c\"><UserSecretsId Condition=\" '$(A)' == 'x=>' \">x</UserSecretsId><UserSecretsId Label='Condition'>y</UserSecretsId></PropertyGroup></Project>";
        assert_eq!(
            values(text),
            [("x".to_string(), 1, true), ("y".to_string(), 1, false)]
        );
    }

    #[test]
    fn markup_and_unknown_entities_are_refused() {
        let text = "<Project><PropertyGroup><UserSecretsId>a<!-- b --></UserSecretsId></PropertyGroup></Project>";
        assert!(why(text).contains("markup"), "{}", why(text));
        let text = "<Project><PropertyGroup><UserSecretsId>a<b/></UserSecretsId></PropertyGroup></Project>";
        assert!(why(text).contains("markup"));
        let text = "<Project><PropertyGroup><UserSecretsId>a&nbsp;</UserSecretsId></PropertyGroup></Project>";
        assert!(why(text).contains("\"&nbsp;"), "{}", why(text));
        let text =
            "<Project><PropertyGroup><UserSecretsId>&#0;</UserSecretsId></PropertyGroup></Project>";
        assert!(why(text).contains("not an XML entity"));
        let text = "<!DOCTYPE p [<!ENTITY e \"x\">]><Project/>";
        assert!(why(text).contains("DOCTYPE"));
        let text = "<Project><PropertyGroup><UserSecretsId>abc";
        assert!(why(text).contains("never closed"));
    }
}
