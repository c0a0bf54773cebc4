//! The environment templates are rendered in, and the filters that write numbers for people:
//! `number` (52,000), `wan` (5.2 萬), `percent` (4.5%), `platform` (Instagram).

use minijinja::{Environment, UndefinedBehavior, Value};

/// The environment templates are rendered in: undefined values may be tested with `if` but
/// never printed, and the filters for people's numbers.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_keep_trailing_newline(true);
    env.add_filter("number", number);
    env.add_filter("wan", wan);
    env.add_filter("percent", percent);
    env.add_filter("platform", platform);
    env
}

/// `52000` → `52,000`; `4.5` → `4.5`.
fn number(value: Value) -> Result<String, minijinja::Error> {
    if let Some(n) = value.as_i64() {
        let grouped = crate::display::grouped(n.unsigned_abs());
        return Ok(if n < 0 {
            format!("-{grouped}")
        } else {
            grouped
        });
    }
    match f64::try_from(value.clone()) {
        Ok(x) => Ok(format!("{}", (x * 100.0).round() / 100.0)),
        Err(_) => Err(not_a_number("number", &value)),
    }
}

/// `52000` → `5.2 萬`, as audiences are quoted in Chinese.
fn wan(value: Value) -> Result<String, minijinja::Error> {
    match value.as_i64() {
        Some(n) if n >= 0 => Ok(crate::display::wan(n as u64)),
        _ => Err(not_a_number("wan", &value)),
    }
}

/// `4.5` → `4.5%`.
fn percent(value: Value) -> Result<String, minijinja::Error> {
    match f64::try_from(value.clone()) {
        Ok(x) => Ok(crate::display::percent(x)),
        Err(_) => Err(not_a_number("percent", &value)),
    }
}

/// `instagram` → `Instagram`, `ptt` → `PTT`.
fn platform(value: Value) -> Result<String, minijinja::Error> {
    match value.as_str() {
        Some(name) => Ok(crate::model::Platform::parse(name).title().to_string()),
        None if value.is_undefined() || value.is_none() => {
            Err(minijinja::Error::from(minijinja::ErrorKind::UndefinedError))
        }
        None => Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("the platform filter needs a platform name, not {value}"),
        )),
    }
}

fn not_a_number(filter: &str, value: &Value) -> minijinja::Error {
    if value.is_undefined() || value.is_none() {
        // A value missing for this creator: said as such by whoever renders.
        return minijinja::Error::from(minijinja::ErrorKind::UndefinedError);
    }
    minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        format!("the {filter} filter needs a number, not {value}"),
    )
}
