//! Writing a query back as text, in the form the parser reads: what the filter form puts in the
//! query line, so that the interface never spells a term by hand.

use std::fmt;

use super::{Bounds, Filter, Has, Term};
use crate::display::compact;
use crate::model::parse_size;

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        self.filter.fmt(f)
    }
}

impl fmt::Display for Filter {
    /// `niche:beauty,skincare`, `followers:10k..50k`, `er:>=3`, `loc:"new taipei"`, `"a phrase"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Filter::Word(w) => f.write_str(w),
            Filter::Phrase(p) => write!(f, "\"{p}\""),
            Filter::Niche(list) => write!(f, "niche:{}", values(list.iter().map(String::as_str))),
            Filter::Platform(list) => {
                write!(f, "platform:{}", values(list.iter().map(|p| p.name())))
            }
            Filter::Followers(b) => write!(f, "followers:{}", bounds(b, |n| size(*n))),
            Filter::Tier(list) => write!(f, "tier:{}", values(list.iter().map(|t| t.name()))),
            Filter::Engagement(b) => write!(f, "er:{}", bounds(b, |n| n.to_string())),
            Filter::Location(list) => write!(f, "loc:{}", values(list.iter().map(String::as_str))),
            Filter::Language(list) => {
                write!(f, "lang:{}", values(list.iter().map(String::as_str)))
            }
            Filter::Kind(list) => write!(f, "kind:{}", values(list.iter().map(|k| k.name()))),
            Filter::Stage(list) => write!(f, "stage:{}", values(list.iter().map(|s| s.name()))),
            Filter::Has(list) => write!(f, "has:{}", values(list.iter().map(|h| h.name()))),
            Filter::Worked(yes) => write!(f, "worked:{}", if *yes { "yes" } else { "no" }),
            Filter::Rebook(yes) => write!(f, "rebook:{}", if *yes { "yes" } else { "no" }),
        }
    }
}

impl Has {
    /// The word `has:` takes for it.
    pub fn name(self) -> &'static str {
        Has::ALL
            .iter()
            .find(|(_, h)| *h == self)
            .map_or("email", |(n, _)| n)
    }
}

/// Alternatives joined with commas, quoted when one holds a space.
fn values<'a>(list: impl Iterator<Item = &'a str>) -> String {
    let joined = list.collect::<Vec<_>>().join(",");
    if joined.contains(char::is_whitespace) {
        format!("\"{joined}\"")
    } else {
        joined
    }
}

/// A count written compactly when that is exact (`10k`), else in full.
fn size(n: u64) -> String {
    let short = compact(n);
    if parse_size(&short) == Ok(n) {
        short
    } else {
        n.to_string()
    }
}

fn bounds<T: Copy + PartialEq>(b: &Bounds<T>, show: impl Fn(&T) -> String) -> String {
    match (b.min, b.max) {
        (Some((a, true)), Some((z, true))) if a == z => format!("={}", show(&a)),
        (Some((a, true)), Some((z, true))) => format!("{}..{}", show(&a), show(&z)),
        (Some((a, true)), None) => format!(">={}", show(&a)),
        (Some((a, false)), None) => format!(">{}", show(&a)),
        (None, Some((z, true))) => format!("..{}", show(&z)),
        (None, Some((z, false))) => format!("<{}", show(&z)),
        // Both ends open only come from the parser's own ranges, which are inclusive.
        (Some((a, _)), Some((z, _))) => format!("{}..{}", show(&a), show(&z)),
        (None, None) => "0..".to_string(),
    }
}

impl fmt::Display for super::Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, term) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{term}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::search::Query;

    /// Every term written back reads as the same term.
    #[test]
    fn terms_read_back_as_themselves() {
        let text = "coffee \"a phrase\" niche:beauty,skincare platform:ig,yt followers:10k..50k followers:>=12345 followers:<5k followers:=3m tier:micro,mid er:>=3.5 er:>2 loc:\"new taipei\",taichung lang:zh kind:koc -has:email stage:contacted";
        let query = Query::parse(text).unwrap();
        for term in &query.terms {
            let written = term.to_string();
            let again = Query::parse(&written).unwrap();
            assert_eq!(again.terms.len(), 1, "{written}");
            assert_eq!(again.terms[0].filter, term.filter, "{written}");
            assert_eq!(again.terms[0].negated, term.negated, "{written}");
        }
        let written: Vec<String> = query.terms.iter().map(ToString::to_string).collect();
        assert_eq!(written[3], "platform:instagram,youtube");
        assert_eq!(written[4], "followers:10k..50k");
        assert_eq!(written[5], "followers:>=12345");
    }
}
