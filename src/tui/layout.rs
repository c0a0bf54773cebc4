//! Where each part of the screen goes for a terminal size: shared by the views, which draw
//! there, and by `update`, which needs page sizes and what a mouse click hit.

use ratatui::layout::Rect;

/// The prompt before the query.
pub const PROMPT: &str = " / ";

/// The smallest terminal the screen is laid out for; smaller ones get a short message.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The parts of the main screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub query: Rect,
    /// The lines under the query that explain a malformed one.
    pub error: Option<Rect>,
    /// The result table, borders included.
    pub table: Rect,
    pub detail: Option<Rect>,
    pub bar: Rect,
}

impl Areas {
    /// The layout for a `width` × `height` terminal with `error_lines` under the query, or
    /// `None` when it is too small.
    pub fn new(width: u16, height: u16, error_lines: u16) -> Option<Areas> {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return None;
        }
        let error_lines = error_lines.min(2);
        let query = Rect::new(0, 0, width, 1);
        let error = (error_lines > 0).then(|| Rect::new(0, 1, width, error_lines));
        let top = 1 + error_lines;
        let bar = Rect::new(0, height - 1, width, 1);
        let body = Rect::new(0, top, width, height - 1 - top);
        let (table, detail) = if width >= 110 {
            let detail_width = (width * 2 / 5).clamp(44, 64);
            (
                Rect::new(0, body.y, width - detail_width, body.height),
                Some(Rect::new(
                    width - detail_width,
                    body.y,
                    detail_width,
                    body.height,
                )),
            )
        } else if body.height >= 26 {
            let detail_height = (body.height * 2 / 5).clamp(11, 16);
            (
                Rect::new(0, body.y, width, body.height - detail_height),
                Some(Rect::new(
                    0,
                    body.y + body.height - detail_height,
                    width,
                    detail_height,
                )),
            )
        } else {
            (body, None)
        };
        Some(Areas {
            query,
            error,
            table,
            detail,
            bar,
        })
    }

    /// How many result rows fit in the table (inside its borders, under its header).
    pub fn visible_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3))
    }

    /// The screen line of the first result row.
    pub fn first_row_y(&self) -> u16 {
        self.table.y + 2
    }
}

/// Where the creator's details go over the whole screen (above the bar), if it is large enough.
pub fn full_detail(width: u16, height: u16) -> Option<Rect> {
    (width >= MIN_WIDTH && height >= MIN_HEIGHT).then(|| Rect::new(0, 0, width, height - 1))
}

/// A box of `width` × `height` centred in `area` (and no larger than it).
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The room inside a box's frame less one column each side, where a box's text sits.
pub fn padded(inner: Rect) -> Rect {
    Rect::new(
        inner.x.saturating_add(1),
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_put_the_detail_on_the_right_and_tall_ones_below() {
        let wide = Areas::new(140, 40, 0).unwrap();
        assert_eq!(wide.detail.unwrap().x, 140 - 56);
        assert_eq!(wide.table.height, 38);
        let tall = Areas::new(90, 50, 1).unwrap();
        assert!(tall.detail.unwrap().y > tall.table.y);
        assert_eq!(tall.error, Some(Rect::new(0, 1, 90, 1)));
        let small = Areas::new(80, 24, 0).unwrap();
        assert_eq!(small.detail, None);
        assert_eq!(small.visible_rows(), 22 - 3);
    }

    #[test]
    fn too_small_is_none_and_nothing_underflows() {
        for (w, h) in [(0, 0), (1, 1), (39, 40), (200, 9)] {
            assert_eq!(Areas::new(w, h, 1), None, "{w}x{h}");
        }
        assert!(Areas::new(MIN_WIDTH, MIN_HEIGHT, 2).is_some());
        assert!(Areas::new(MIN_WIDTH, MIN_HEIGHT, 2).unwrap().visible_rows() > 0);
    }
}
