//! One validator for every address a message carries (to, cc, bcc, reply-to, from): a mailbox
//! is one address with an optional display name, and nothing else. A value that would give a
//! header a second recipient (`<a@x.example, b@y.example>`) or a new header is refused, and a
//! display name is always written quoted, so that pasting a `To:` line cannot add anyone.

use std::fmt;

use super::text::one_line;
use crate::model::email_problem;

/// One recipient or sender: an address, and the name shown with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub email: String,
}

impl Mailbox {
    /// Reads `a@b.example`, `Name <a@b.example>` or `"Name, Jr." <a@b.example>`.
    pub fn parse(text: &str) -> Result<Mailbox, String> {
        let text = one_line(text);
        let refuse = |why: &str| {
            Err(format!(
                "\"{}\" is not one address: {why}",
                text.escape_debug()
            ))
        };
        if text.is_empty() {
            return refuse("it is empty");
        }
        let Some(open) = text.find('<') else {
            return match email_problem(&text) {
                None => Ok(Mailbox {
                    name: None,
                    email: text,
                }),
                Some(why) => refuse(why),
            };
        };
        if !text.ends_with('>') || text.matches('<').count() != 1 || text.matches('>').count() != 1
        {
            return refuse("write one address, as Name <name@example.com>");
        }
        let email = text[open + 1..text.len() - 1].trim();
        if let Some(why) = email_problem(email) {
            return refuse(why);
        }
        let name = text[..open].trim();
        let name = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
            Some(quoted) => quoted.replace("\\\"", "\"").replace("\\\\", "\\"),
            None if name.contains('"') => return refuse("a quote in the name is not closed"),
            None => name.to_string(),
        };
        Ok(Mailbox {
            name: (!name.trim().is_empty()).then(|| name.trim().to_string()),
            email: email.to_string(),
        })
    }

    /// An address with a name, both from data files (made one line here).
    pub fn new(name: &str, email: &str) -> Mailbox {
        let name = one_line(name);
        Mailbox {
            name: (!name.is_empty()).then_some(name),
            email: one_line(email),
        }
    }
}

impl fmt::Display for Mailbox {
    /// `"Name" <a@b.example>`, the name always quoted (so a comma in it is only a comma), or the
    /// bare address.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(
                f,
                "\"{}\" <{}>",
                name.replace('\\', "\\\\").replace('"', "\\\""),
                self.email
            ),
            None => f.write_str(&self.email),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("a@x.example", None, "a@x.example")]
    #[case("  Amy Lin <amy@x.example> ", Some("Amy Lin"), "amy@x.example")]
    #[case("\"Lin, Amy\" <amy@x.example>", Some("Lin, Amy"), "amy@x.example")]
    #[case("<amy@x.example>", None, "amy@x.example")]
    fn one_address_with_or_without_a_name(
        #[case] text: &str,
        #[case] name: Option<&str>,
        #[case] email: &str,
    ) {
        let m = Mailbox::parse(text).unwrap();
        assert_eq!(m.name.as_deref(), name);
        assert_eq!(m.email, email);
    }

    #[rstest]
    #[case("<x@y.example, evil@q.example>")]
    #[case("x@y.example, evil@q.example")]
    #[case("A <x@y.example> <evil@q.example>")]
    #[case("A <x@y.example>, B <evil@q.example>")]
    #[case("x@y.example\r\nBcc: evil@q.example")]
    #[case("\"A <x@y.example>")]
    #[case("")]
    #[case("not an address")]
    fn anything_but_one_address_is_refused(#[case] text: &str) {
        let error = Mailbox::parse(text).unwrap_err();
        assert!(error.contains("is not one address"), "{error}");
    }

    #[test]
    fn names_are_always_quoted() {
        let m = Mailbox::new("Lin, \"Amy\" \\ Co", "amy@x.example");
        assert_eq!(
            m.to_string(),
            "\"Lin, \\\"Amy\\\" \\\\ Co\" <amy@x.example>"
        );
        assert_eq!(Mailbox::parse(&m.to_string()).unwrap(), m);
        assert_eq!(Mailbox::new("", "a@x.example").to_string(), "a@x.example");
    }
}
