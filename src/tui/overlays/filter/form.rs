//! The filter form (`f`): niche, platforms, tiers, a follower range, minimum engagement,
//! location and has-email. It reads its starting values from the query line and writes its
//! filters back into it as text, so what it does stays visible and editable.

use crate::model::{Platform, Tier, parse_size};
use crate::search::{Bounds, Filter, Has, Query};
use crate::tui::input::TextInput;

/// The form's fields, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Niche,
    Platforms,
    Tiers,
    FollowersFrom,
    FollowersTo,
    Engagement,
    Location,
    HasEmail,
}

impl Field {
    /// Every field, top to bottom.
    pub const ALL: [Field; 8] = [
        Field::Niche,
        Field::Platforms,
        Field::Tiers,
        Field::FollowersFrom,
        Field::FollowersTo,
        Field::Engagement,
        Field::Location,
        Field::HasEmail,
    ];

    /// The field's label.
    pub fn label(self) -> &'static str {
        match self {
            Field::Niche => "Niche",
            Field::Platforms => "Platforms",
            Field::Tiers => "Tiers",
            Field::FollowersFrom => "Followers from",
            Field::FollowersTo => "Followers to",
            Field::Engagement => "Engagement ≥ %",
            Field::Location => "Location",
            Field::HasEmail => "Has email",
        }
    }
}

/// The form's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterForm {
    pub field: usize,
    pub niche: TextInput,
    pub platforms: [bool; 12],
    pub platform_cursor: usize,
    pub tiers: [bool; 6],
    pub tier_cursor: usize,
    pub followers_from: TextInput,
    pub followers_to: TextInput,
    pub engagement: TextInput,
    pub location: TextInput,
    pub has_email: bool,
    /// What is wrong with the values, shown until they are fixed.
    pub error: Option<String>,
}

impl FilterForm {
    /// A form showing the filters `query` already has (the first of each kind).
    pub fn from_query(query: Option<&Query>) -> FilterForm {
        let mut form = FilterForm::default();
        let Some(query) = query else { return form };
        let mut seen: Vec<std::mem::Discriminant<Filter>> = Vec::new();
        for term in query.terms.iter().filter(|t| !t.negated) {
            let kind = std::mem::discriminant(&term.filter);
            if seen.contains(&kind) {
                continue;
            }
            seen.push(kind);
            match &term.filter {
                Filter::Niche(list) => form.niche.set(&list.join(", ")),
                Filter::Platform(list) => {
                    for (i, p) in Platform::KNOWN.iter().enumerate() {
                        form.platforms[i] = list.contains(p);
                    }
                }
                Filter::Tier(list) => {
                    for (i, t) in Tier::ALL.iter().enumerate() {
                        form.tiers[i] = list.contains(t);
                    }
                }
                Filter::Followers(b) => {
                    if let Some((n, _)) = b.min {
                        form.followers_from.set(&crate::display::compact(n));
                    }
                    if let Some((n, _)) = b.max {
                        form.followers_to.set(&crate::display::compact(n));
                    }
                }
                Filter::Engagement(b) => {
                    if let Some((n, _)) = b.min {
                        form.engagement.set(&n.to_string());
                    }
                }
                Filter::Location(list) => form.location.set(&list.join(", ")),
                Filter::Has(list) => form.has_email = list.contains(&Has::Email),
                _ => {}
            }
        }
        form
    }

    /// The focused field.
    pub fn current(&self) -> Field {
        Field::ALL[self.field.min(Field::ALL.len() - 1)]
    }

    /// The text input of the focused field, if it is a text field.
    pub fn input(&mut self) -> Option<&mut TextInput> {
        match self.current() {
            Field::Niche => Some(&mut self.niche),
            Field::FollowersFrom => Some(&mut self.followers_from),
            Field::FollowersTo => Some(&mut self.followers_to),
            Field::Engagement => Some(&mut self.engagement),
            Field::Location => Some(&mut self.location),
            _ => None,
        }
    }

    /// Moves to the next field (wrapping).
    pub fn next(&mut self) {
        self.field = (self.field + 1) % Field::ALL.len();
    }

    /// Moves to the previous field (wrapping).
    pub fn previous(&mut self) {
        self.field = (self.field + Field::ALL.len() - 1) % Field::ALL.len();
    }

    /// Moves the option cursor (or the text cursor) by one.
    pub fn step(&mut self, forward: bool) {
        let bump = |i: &mut usize, n: usize| {
            *i = if forward {
                (*i + 1) % n
            } else {
                (*i + n - 1) % n
            }
        };
        match self.current() {
            Field::Platforms => bump(&mut self.platform_cursor, self.platforms.len()),
            Field::Tiers => bump(&mut self.tier_cursor, self.tiers.len()),
            _ => {
                if let Some(input) = self.input() {
                    if forward { input.right() } else { input.left() }
                }
            }
        }
    }

    /// Ticks or unticks the option under the cursor; in a text field, types a space.
    pub fn toggle(&mut self) {
        match self.current() {
            Field::Platforms => self.platforms[self.platform_cursor] ^= true,
            Field::Tiers => self.tiers[self.tier_cursor] ^= true,
            Field::HasEmail => self.has_email ^= true,
            _ => {
                if let Some(input) = self.input() {
                    input.insert(' ');
                }
            }
        }
    }

    /// The form's filters, or what is wrong with the values.
    pub fn filters(&self) -> Result<Vec<Filter>, String> {
        let mut filters = Vec::new();
        let list = |text: &str| -> Vec<String> {
            text.split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let niches = list(self.niche.text());
        if !niches.is_empty() {
            filters.push(Filter::Niche(niches));
        }
        let platforms: Vec<Platform> = Platform::KNOWN
            .iter()
            .zip(self.platforms)
            .filter(|(_, on)| *on)
            .map(|(p, _)| p.clone())
            .collect();
        if !platforms.is_empty() {
            filters.push(Filter::Platform(platforms));
        }
        let tiers: Vec<Tier> = Tier::ALL
            .iter()
            .zip(self.tiers)
            .filter(|(_, on)| *on)
            .map(|(t, _)| *t)
            .collect();
        if !tiers.is_empty() {
            filters.push(Filter::Tier(tiers));
        }
        let size = |input: &TextInput, label: &str| -> Result<Option<u64>, String> {
            let text = input.text().trim();
            if text.is_empty() {
                return Ok(None);
            }
            parse_size(text)
                .map(Some)
                .map_err(|e| format!("{label}: \"{text}\": {e}"))
        };
        let from = size(&self.followers_from, "Followers from")?;
        let to = size(&self.followers_to, "Followers to")?;
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            return Err(format!(
                "Followers from ({a}) is more than Followers to ({b})"
            ));
        }
        if from.is_some() || to.is_some() {
            filters.push(Filter::Followers(Bounds {
                min: from.map(|n| (n, true)),
                max: to.map(|n| (n, true)),
            }));
        }
        let er = self.engagement.text().trim().trim_end_matches('%').trim();
        if !er.is_empty() {
            match er.parse::<f64>() {
                Ok(n) if (0.0..=100.0).contains(&n) => filters.push(Filter::Engagement(Bounds {
                    min: Some((n, true)),
                    max: None,
                })),
                _ => {
                    return Err(format!(
                        "Engagement: \"{er}\" is not a percent from 0 to 100"
                    ));
                }
            }
        }
        let places = list(self.location.text());
        if !places.is_empty() {
            filters.push(Filter::Location(places));
        }
        if self.has_email {
            filters.push(Filter::Has(vec![Has::Email]));
        }
        Ok(filters)
    }
}

/// True for terms the form owns: it replaces them when it writes its filters.
fn owned(filter: &Filter) -> bool {
    match filter {
        Filter::Niche(_)
        | Filter::Platform(_)
        | Filter::Tier(_)
        | Filter::Followers(_)
        | Filter::Engagement(_)
        | Filter::Location(_) => true,
        Filter::Has(list) => list == &[Has::Email],
        _ => false,
    }
}

/// `text` with the form's kinds of filter replaced by `filters` (written as the query language
/// writes them); other terms stay as written.
pub fn rewrite(text: &str, query: Option<&Query>, filters: &[Filter]) -> String {
    let mut kept = text.to_string();
    if let Some(query) = query {
        let mut spans: Vec<_> = query
            .terms
            .iter()
            .filter(|t| !t.negated && owned(&t.filter))
            .map(|t| t.span.clone())
            .collect();
        spans.sort_by_key(|s| std::cmp::Reverse(s.start));
        for span in spans {
            kept.replace_range(span, "");
        }
    }
    let written: Vec<String> = filters.iter().map(ToString::to_string).collect();
    let mut parts: Vec<&str> = kept.split_whitespace().collect();
    parts.extend(written.iter().map(String::as_str));
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_and_writes_the_query_line() {
        let text = "coffee niche:coffee platform:ig,yt followers:10k..50k er:>=3 loc:\"new taipei\" has:email -kind:kol";
        let query = Query::parse(text).unwrap();
        let form = FilterForm::from_query(Some(&query));
        assert_eq!(form.niche.text(), "coffee");
        assert!(form.platforms[0] && form.platforms[1] && !form.platforms[2]);
        assert_eq!(form.followers_from.text(), "10k");
        assert_eq!(form.followers_to.text(), "50k");
        assert_eq!(form.engagement.text(), "3");
        assert_eq!(form.location.text(), "new taipei");
        assert!(form.has_email);
        let terms = form.filters().unwrap();
        assert_eq!(
            rewrite(text, Some(&query), &terms),
            "coffee -kind:kol niche:coffee platform:instagram,youtube followers:10k..50k er:>=3 loc:\"new taipei\" has:email"
        );
        assert!(Query::parse(&rewrite(text, Some(&query), &terms)).is_ok());
    }

    #[test]
    fn ticking_and_typing_build_terms() {
        let mut form = FilterForm {
            field: 2, // tiers
            ..FilterForm::default()
        };
        form.step(true);
        form.step(true);
        form.toggle(); // micro
        form.next();
        for c in "100k".chars() {
            form.input().unwrap().insert(c);
        }
        form.field = 7;
        form.toggle();
        let written: Vec<String> = form
            .filters()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(written, ["tier:micro", "followers:>=100k", "has:email"]);
        assert_eq!(
            rewrite("", None, &form.filters().unwrap()),
            "tier:micro followers:>=100k has:email"
        );
    }

    #[test]
    fn bad_values_are_reported() {
        let mut form = FilterForm::default();
        form.followers_from.set("lots");
        assert_eq!(
            form.filters().unwrap_err(),
            "Followers from: \"lots\": not a number (write it like 12000, 12_000, 12k, 1.2m or 1.2萬)"
        );
        form.followers_from.set("50k");
        form.followers_to.set("10k");
        assert_eq!(
            form.filters().unwrap_err(),
            "Followers from (50000) is more than Followers to (10000)"
        );
        form.followers_to.clear();
        form.engagement.set("150");
        assert_eq!(
            form.filters().unwrap_err(),
            "Engagement: \"150\" is not a percent from 0 to 100"
        );
    }
}
