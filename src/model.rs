//! The marketer's vocabulary as plain data: creators, their channels, platforms, tiers and kinds;
//! campaigns, their shortlists and the pipeline stages.
//!
//! Nothing here reads files or knows about the terminal; `store` fills these types in and every
//! other module works on them.

mod campaign;
mod creator;
pub mod fields;
mod kind;
mod named;
mod platform;
mod production;
mod record;
mod rules;
mod settings;
mod size;
mod stage;
mod tier;
pub mod vocabulary;

pub use campaign::{Brief, Campaign, Change, Entry, Goal, Lang, Sender, Value};
pub use creator::{Channel, Creator};
pub use kind::Kind;
pub use platform::Platform;
pub use production::{
    Contract, Deliverable, Event, Payment, PaymentKind, Results, Round, Shipment, Source, Step,
    Verdict,
};
pub use record::{Record, Val};
pub use rules::{
    MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, currency_problem, email_problem, id_problem, suggest_id,
};
pub use settings::Settings;
pub use size::{SizeError, parse_size};
pub use stage::Stage;
pub use tier::{Tier, TierBounds};
pub use vocabulary::{NicheEntry, PlaceEntry, Vocabulary, Whereabouts};
