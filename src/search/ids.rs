//! Finding creators of an index by id: for checking a campaign's entries against the database
//! and for giving each row its stage in a campaign.

use std::collections::HashMap;
use std::sync::Arc;

use super::Index;
use crate::model::{Campaign, Stage};
use crate::store::KnownCreators;

/// The rows of an index by creator id.
pub struct IndexIds<'a>(HashMap<&'a str, u32>);

impl<'a> IndexIds<'a> {
    pub fn new(index: &'a Index) -> Self {
        IndexIds(
            (0..index.len())
                .map(|i| (index.ids.get(i), i as u32))
                .collect(),
        )
    }

    /// The row of the creator with this id.
    pub fn row(&self, id: &str) -> Option<u32> {
        self.0.get(id).copied()
    }

    /// Each row's stage in `campaign` (`None` for creators not on its shortlist), indexed by
    /// row; `len` is the number of rows of the index.
    pub fn stages(&self, campaign: &Campaign, len: usize) -> Arc<[Option<Stage>]> {
        let mut stages = vec![None; len];
        for entry in &campaign.entries {
            if let Some(row) = self.row(&entry.creator) {
                stages[row as usize] = Some(entry.stage);
            }
        }
        stages.into()
    }
}

impl KnownCreators for IndexIds<'_> {
    fn contains(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    fn nearest(&self, id: &str) -> Option<String> {
        crate::suggest::nearest(id, self.0.keys().copied()).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::parse_creators;

    #[test]
    fn stages_follow_the_campaign_entries() {
        let text = "[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = [{ platform = \"instagram\", handle = \"a\" }]\n\n[[creator]]\nid = \"bobby\"\nname = \"B\"\nchannels = [{ platform = \"instagram\", handle = \"b\" }]\n";
        let loaded = parse_creators("creators.toml", text.as_bytes());
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let index = Index::build(&loaded.database.creators);
        let ids = IndexIds::new(&index);
        assert_eq!(ids.row("bobby"), Some(1));
        assert_eq!(ids.row("c"), None);
        assert_eq!(ids.nearest("boby").as_deref(), Some("bobby"));
        assert!(ids.contains("a") && !ids.contains("c"));
        let campaign = crate::store::parse_campaign(
            "c",
            "c.toml",
            b"[campaign]\nname = \"C\"\n\n[[entry]]\ncreator = \"bobby\"\nstage = \"contacted\"\n\n[[entry]]\ncreator = \"gone\"\n",
            None,
        )
        .campaign
        .unwrap();
        assert_eq!(
            &*ids.stages(&campaign, index.len()),
            &[None, Some(Stage::Contacted)]
        );
    }
}
