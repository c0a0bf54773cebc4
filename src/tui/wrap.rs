//! Laying a styled line out over several screen lines: breaks fall between words, and between
//! any two Chinese characters; a word longer than a line is cut where the line ends; lines
//! after the first are indented, so that a field's value stays in its column.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A run of characters laid out as a unit.
struct Token {
    chars: Vec<(char, Style)>,
    width: usize,
    space: bool,
}

/// `line` laid out in `width` columns, lines after the first indented by `hang` columns (less
/// when the pane is too narrow for it).
pub fn wrap(line: &Line<'_>, width: usize, hang: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let hang = if hang * 2 > width { 0 } else { hang };
    let mut out: Vec<Vec<(char, Style)>> = vec![Vec::new()];
    let mut used = 0;
    for token in tokens(line) {
        let fresh = out.len() > 1 && used == hang;
        if token.space {
            // A line does not start with the space that ended the one before.
            if !fresh
                && used + token.width <= width
                && let Some(current) = out.last_mut()
            {
                current.extend(token.chars);
                used += token.width;
            }
            continue;
        }
        if used + token.width > width && token.width <= width - hang && !fresh && used > 0 {
            used = new_line(&mut out, hang);
        }
        for (c, style) in token.chars {
            let w = c.width().unwrap_or(0);
            if used + w > width && used > hang {
                used = new_line(&mut out, hang);
            }
            if let Some(current) = out.last_mut() {
                current.push((c, style));
            }
            used += w;
        }
    }
    out.into_iter().map(to_line).collect()
}

/// Ends the current line (without its trailing spaces) and starts an indented one.
fn new_line(out: &mut Vec<Vec<(char, Style)>>, hang: usize) -> usize {
    if let Some(last) = out.last_mut() {
        while last.last().is_some_and(|(c, _)| *c == ' ') {
            last.pop();
        }
    }
    out.push(vec![(' ', Style::default()); hang]);
    hang
}

/// Characters a line never starts with: closing punctuation (Chinese and Japanese line
/// breaking rules, 避頭點).
const NO_START: &str = "。，、．：；！？）」』】》〉〕］｝〗〙…‥～·・ー々ゝゞヽヾ%),.:;!?]}'\"";
/// Characters a line never ends with: opening punctuation (避尾點).
const NO_END: &str = "（「『【《〈〔［｛〖〘([{“‘$";

/// Words, runs of spaces, and single wide characters, with their styles; punctuation stays
/// with the character it belongs to, so that no line starts with `。` or ends with `「`.
fn tokens(line: &Line<'_>) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            let space = c == ' ';
            let alone = w > 1;
            let last = tokens.last().and_then(|t| t.chars.last()).map(|(c, _)| *c);
            let held = !space
                && tokens.last().is_some_and(|t| !t.space)
                && (NO_START.contains(c) || last.is_some_and(|p| NO_END.contains(p)));
            match tokens.last_mut() {
                Some(t) if held => {
                    t.chars.push((c, style));
                    t.width += w;
                }
                Some(t)
                    if t.space == space
                        && !alone
                        && t.chars.last().is_some_and(|(c, _)| c.width() <= Some(1)) =>
                {
                    t.chars.push((c, style));
                    t.width += w;
                }
                _ => tokens.push(Token {
                    chars: vec![(c, style)],
                    width: w,
                    space,
                }),
            }
        }
    }
    tokens
}

/// Characters back into spans, one per run of the same style.
fn to_line(chars: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for (c, style) in chars {
        if current.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(style);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn breaks_between_words_and_hangs() {
        let line = Line::from(vec![
            Span::raw(" notes    "),
            Span::raw("Ask for TikTok instead of IG if she replies."),
        ]);
        assert_eq!(
            plain(&wrap(&line, 30, 10)),
            [
                " notes    Ask for TikTok",
                "          instead of IG if she",
                "          replies.",
            ]
        );
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one() {
        let line = Line::from("一二三四五六七八九，十一二三四「五六」七八。");
        let lines = plain(&wrap(&line, 18, 0));
        assert_eq!(
            lines,
            ["一二三四五六七八", "九，十一二三四「五", "六」七八。"]
        );
        for l in &lines {
            assert!(!l.starts_with(['，', '。', '」']), "{lines:?}");
            assert!(!l.ends_with('「'), "{lines:?}");
        }
    }

    #[test]
    fn chinese_breaks_anywhere_and_never_overflows() {
        let line = Line::from("  保養品牌合作請先寄信到經紀公司，再用 LINE 確認檔期");
        let lines = wrap(&line, 16, 2);
        for l in &lines {
            assert!(l.width() <= 16, "{l:?}");
        }
        let joined: String = plain(&lines).concat().replace(' ', "");
        assert_eq!(joined, "保養品牌合作請先寄信到經紀公司，再用LINE確認檔期");
        assert_eq!(plain(&lines)[0], "  保養品牌合作請");
    }

    #[test]
    fn a_long_word_is_cut_at_the_edge() {
        let line = Line::from(" url https://www.instagram.com/sarsa.beauty/");
        let lines = plain(&wrap(&line, 20, 5));
        assert_eq!(lines[0], " url https://www.ins");
        assert_eq!(lines[1], "     tagram.com/sars");
        assert!(lines.iter().all(|l| l.chars().count() <= 20));
    }

    #[test]
    fn styles_survive_and_narrow_panes_drop_the_indent() {
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::styled("ab", bold), Span::raw(" cd ef")]);
        let lines = wrap(&line, 4, 3);
        assert_eq!(plain(&lines), ["ab", "cd", "ef"]);
        assert_eq!(lines[0].spans[0].style, bold);
        assert_eq!(wrap(&Line::from(""), 10, 2).len(), 1);
    }
}
