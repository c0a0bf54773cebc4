//! Which columns the result table shows and how wide: each as wide as what the rows on screen
//! hold (within bounds), the optional ones in order of use while they fit, and the room left
//! given to the niches and then the names. What does not fit is named in the title.

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Mark,
    Name,
    /// The channel the row is shown by (the one that matched).
    Channel,
    Followers,
    Engagement,
    /// Cost per engagement, when sorting on it.
    Cpe,
    /// The followers of every channel together.
    Total,
    Stage,
    Niches,
    Location,
}

impl Column {
    pub fn header(self) -> &'static str {
        match self {
            Column::Mark => "",
            Column::Name => "NAME",
            Column::Channel => "CHANNEL",
            Column::Followers => "FOLLOWERS",
            Column::Engagement => "ER",
            Column::Cpe => "CPE",
            Column::Total => "TOTAL",
            Column::Stage => "STAGE",
            Column::Niches => "NICHES",
            Column::Location => "LOCATION",
        }
    }

    /// The word for it when it is hidden.
    pub fn word(self) -> &'static str {
        match self {
            Column::Channel => "channel",
            Column::Engagement => "engagement",
            Column::Cpe => "cpe",
            Column::Total => "total",
            Column::Stage => "stage",
            Column::Niches => "niches",
            Column::Location => "location",
            Column::Mark | Column::Name | Column::Followers => "",
        }
    }

    /// Its place from left to right.
    fn rank(self) -> u8 {
        match self {
            Column::Mark => 0,
            Column::Name => 1,
            Column::Channel => 2,
            Column::Followers => 3,
            Column::Engagement => 4,
            Column::Cpe => 5,
            Column::Total => 6,
            Column::Stage => 7,
            Column::Niches => 8,
            Column::Location => 9,
        }
    }
}

/// The widest text of each column among the rows on screen (in terminal columns).
#[derive(Clone, Copy, Debug, Default)]
pub struct Content {
    pub name: usize,
    pub channel: usize,
    pub niches: usize,
    pub location: usize,
}

/// The columns shown with their widths, and those that did not fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Laid {
    pub columns: Vec<(Column, u16)>,
    pub hidden: Vec<Column>,
}

/// Lays the table out in `inner` columns. `stage` when a campaign is open, `cpe` when the
/// sort is on cost per engagement (then the figure is shown).
pub fn lay_out(inner: u16, content: Content, stage: bool, cpe: bool) -> Laid {
    let inner = usize::from(inner);
    let clamp = |w: usize, lo: usize, hi: usize| w.clamp(lo, hi);
    let name = clamp(content.name, 8, 30);
    let channel = clamp(content.channel, 8, 26);
    let niches_full = clamp(content.niches, 6, 60);
    let location = clamp(content.location, 8, 20);
    // Every column takes its width and one space before the next.
    let mut shown: Vec<(Column, usize)> = vec![
        (Column::Mark, 1),
        (Column::Name, name.min(12)),
        (Column::Followers, 11),
    ];
    let used = |shown: &[(Column, usize)]| shown.iter().map(|(_, w)| w + 1).sum::<usize>();
    let mut optional = vec![];
    if stage {
        optional.push((Column::Stage, 11));
    }
    optional.push((Column::Engagement, 6));
    if cpe {
        optional.push((Column::Cpe, 8));
    }
    optional.extend([
        (Column::Channel, channel.min(16)),
        (Column::Niches, niches_full.min(10)),
        (Column::Location, location.min(12)),
        (Column::Total, 6),
    ]);
    let mut hidden = Vec::new();
    for (column, width) in optional {
        if used(&shown) + width < inner {
            shown.push((column, width));
        } else {
            hidden.push(column);
        }
    }
    // The room left: names, channels and places whole first, then the niches.
    let grow = |shown: &mut Vec<(Column, usize)>, column: Column, full: usize| {
        let left = inner.saturating_sub(used(shown));
        if let Some((_, w)) = shown.iter_mut().find(|(c, _)| *c == column) {
            *w += left.min(full.saturating_sub(*w));
        }
    };
    grow(&mut shown, Column::Name, name);
    grow(&mut shown, Column::Channel, channel);
    grow(&mut shown, Column::Location, location);
    grow(&mut shown, Column::Niches, niches_full);
    // What is still left goes to the niches, or else the names, so the table ends at its edge.
    let left = inner.saturating_sub(used(&shown));
    let last = if shown.iter().any(|(c, _)| *c == Column::Niches) {
        Column::Niches
    } else {
        Column::Name
    };
    if let Some((_, w)) = shown.iter_mut().find(|(c, _)| *c == last) {
        *w += left;
    }
    shown.sort_by_key(|(c, _)| c.rank());
    hidden.sort_by_key(|c| c.rank());
    Laid {
        columns: shown
            .into_iter()
            .map(|(c, w)| (c, u16::try_from(w).unwrap_or(u16::MAX)))
            .collect(),
        hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(laid: &Laid) -> Vec<(&'static str, u16)> {
        laid.columns.iter().map(|(c, w)| (c.header(), *w)).collect()
    }

    #[test]
    fn short_names_leave_room_for_niches_and_places() {
        let content = Content {
            name: 14,
            channel: 20,
            niches: 24,
            location: 11,
        };
        // The table beside the detail pane at 120 columns.
        let laid = lay_out(92, content, true, false);
        let w = widths(&laid);
        assert!(w.contains(&("NAME", 14)), "{w:?}");
        assert!(w.iter().any(|(h, n)| *h == "CHANNEL" && *n >= 16), "{w:?}");
        assert!(w.iter().any(|(h, _)| *h == "NICHES"), "{w:?}");
        assert!(w.iter().any(|(h, _)| *h == "LOCATION"), "{w:?}");
        let total: u16 = laid.columns.iter().map(|(_, w)| w + 1).sum();
        assert!(total <= 92 + 1, "{total}");
    }

    #[test]
    fn a_narrow_table_says_what_it_left_out() {
        let content = Content {
            name: 20,
            channel: 20,
            niches: 30,
            location: 12,
        };
        let laid = lay_out(40, content, true, false);
        assert_eq!(laid.columns[1].0, Column::Name);
        assert!(laid.hidden.contains(&Column::Location));
        assert!(laid.hidden.contains(&Column::Niches));
        let total: u16 = laid.columns.iter().map(|(_, w)| w + 1).sum();
        assert!(total <= 41, "{total}: {:?}", laid.columns);
    }

    #[test]
    fn the_table_fills_its_width_exactly() {
        for inner in [30u16, 58, 78, 92, 118, 198] {
            let laid = lay_out(
                inner,
                Content {
                    name: 10,
                    channel: 12,
                    niches: 8,
                    location: 8,
                },
                false,
                false,
            );
            let total: u16 = laid.columns.iter().map(|(_, w)| w + 1).sum();
            assert_eq!(total, inner, "{inner}: {:?}", laid.columns);
        }
    }
}
