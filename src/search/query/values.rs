//! Reading the values of field terms: names from a fixed list, counts, percents, and ranges
//! (`10k..50k`, `>=3`, `<5k`).

use super::{Bounds, alternatives};
use crate::model::{SizeError, parse_size};
use crate::suggest::nearest;

/// Values from a fixed list of names, each alternative checked.
pub(super) fn named<T: Copy>(
    value: &str,
    names: &[(&'static str, T)],
    field: &str,
) -> Result<Vec<T>, String> {
    alternatives(value)
        .map(|v| {
            let key = v.to_lowercase();
            names
                .iter()
                .find(|(n, _)| *n == key)
                .map(|(_, t)| *t)
                .ok_or_else(|| {
                    let list: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                    match nearest(&key, list.iter().copied()) {
                        Some(near) => format!(
                            "{field}: \"{v}\" is not a {field} value; did you mean \"{near}\"?"
                        ),
                        None => format!("{field}: \"{v}\" is not one of {}", list.join(", ")),
                    }
                })
        })
        .collect()
}

pub(super) fn size(text: &str) -> Result<u64, String> {
    parse_size(text).map_err(|e| match e {
        SizeError::NotANumber | SizeError::Empty => {
            format!("\"{text}\" is not a number (write it like 10k, 1.2m, 3萬 or 12_000)")
        }
        other => format!("\"{text}\": {other}"),
    })
}

pub(super) fn percent(text: &str) -> Result<f64, String> {
    let number = text.trim().trim_end_matches('%').trim();
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=100.0).contains(&n) => Ok(n),
        Ok(_) => Err(format!("\"{text}\" is not a percent from 0 to 100")),
        Err(_) => Err(format!(
            "\"{text}\" is not a number (write a percent like 3 or 4.5)"
        )),
    }
}

/// `10k..50k`, `10k-50k`, `10k..`, `..50k`, `>=10k`, `>10k`, `<=50k`, `<50k`, `=10k`, or a bare
/// number meaning "at least".
pub(super) fn bounds<T: PartialOrd + Copy>(
    value: &str,
    number: impl Fn(&str) -> Result<T, String>,
) -> Result<Bounds<T>, String> {
    let value = value.trim();
    for (op, min, max) in [
        (">=", Some(true), None),
        ("<=", None, Some(true)),
        (">", Some(false), None),
        ("<", None, Some(false)),
        ("=", Some(true), Some(true)),
    ] {
        if let Some(rest) = value.strip_prefix(op) {
            if rest.starts_with(['<', '>', '=']) {
                return Err(format!(
                    "\"{value}\" is not a comparison (write >3, >=3, <3, 3..5 or 3)"
                ));
            }
            let n = number(rest)?;
            return Ok(Bounds {
                min: min.map(|inc| (n, inc)),
                max: max.map(|inc| (n, inc)),
            });
        }
    }
    let split = value.split_once("..").or_else(|| {
        value
            .split_once('-')
            .filter(|(a, b)| !a.is_empty() && !b.is_empty())
    });
    let Some((low, high)) = split else {
        let n = number(value)?;
        return Ok(Bounds {
            min: Some((n, true)),
            max: None,
        });
    };
    let low = (!low.trim().is_empty()).then(|| number(low)).transpose()?;
    let high = (!high.trim().is_empty())
        .then(|| number(high))
        .transpose()?;
    if let (Some(l), Some(h)) = (low, high)
        && l > h
    {
        let (a, b) = value
            .split_once("..")
            .or_else(|| value.split_once('-'))
            .unwrap_or_default();
        return Err(format!(
            "the range {value} is empty because {a} is more than {b}; did you mean {b}..{a}?"
        ));
    }
    if low.is_none() && high.is_none() {
        return Err(format!(
            "\"{value}\" has no numbers (write 10k..50k, 10k.. or ..50k)"
        ));
    }
    Ok(Bounds {
        min: low.map(|n| (n, true)),
        max: high.map(|n| (n, true)),
    })
}
