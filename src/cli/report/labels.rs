//! The words of the report in the brand's language: English and Traditional Chinese as written
//! in Taiwan.

use crate::model::Lang;

/// (key, English, 繁體中文)
const WORDS: &[(&str, &str, &str)] = &[
    ("report", "Close-out report", "結案報告"),
    ("campaign", "Campaign", "活動"),
    ("brand", "Brand", "品牌"),
    ("product", "Product", "產品"),
    ("dates", "Dates", "期間"),
    ("currency", "Currency", "幣別"),
    ("budget", "Budget", "預算"),
    ("committed", "Committed", "已簽約金額"),
    ("paid", "Paid", "已付款"),
    ("owed", "Owed", "未付款"),
    ("left", "Left in the budget", "預算餘額"),
    ("headline", "Results", "成效總覽"),
    ("creators", "Creators", "創作者"),
    ("creator", "Creator", "創作者"),
    ("name", "Name", "名稱"),
    ("stage", "Stage", "階段"),
    ("platform", "Platform", "平台"),
    ("platforms", "By platform", "依平台"),
    ("tier", "Tier", "級距"),
    ("tiers", "By tier", "依級距"),
    ("entries", "Creators with results", "有成效的創作者"),
    ("fee", "Fee", "費用"),
    ("cost", "Cost", "成本"),
    ("views", "Views", "觀看數"),
    ("engagements", "Engagements", "互動數"),
    ("clicks", "Clicks", "點擊數"),
    ("code_uses", "Code uses", "折扣碼使用"),
    ("sales", "Sales", "銷售額"),
    ("cpm", "CPM", "CPM"),
    ("cpv", "CPV", "CPV"),
    ("cpe", "CPE", "CPE"),
    ("cpc", "CPC", "CPC"),
    ("cpa", "CPA", "CPA"),
    ("roas", "ROAS", "ROAS"),
    ("on_time", "On time", "準時"),
    ("rounds", "Review rounds", "修改回合"),
    ("live", "Live", "上線狀態"),
    ("posts", "Posts", "貼文"),
    ("source", "Source", "數據來源"),
    ("measured", "measured", "品牌實測"),
    ("creator-reported", "reported by the creator", "創作者提供"),
    ("estimate", "estimated", "估算"),
    ("mixed", "mixed sources", "多種來源"),
    ("unsaid", "source not given", "未註明來源"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("live-live", "live", "上線中"),
    ("live-removed", "taken down", "已下架"),
    ("live-unchecked", "not checked", "未確認"),
    ("above", "above the benchmark", "高於行情"),
    ("below", "below the benchmark", "低於行情"),
    ("benchmark", "Benchmark", "行情參考"),
    (
        "chart",
        "Cost per engagement by creator",
        "各創作者互動成本（CPE）",
    ),
    ("spend", "Spend against budget", "預算使用"),
    ("no-results", "No results recorded yet.", "尚無成效數據。"),
    (
        "estimates-note",
        "Figures marked ~ are estimates or reported by the creator, not measured.",
        "標示 ~ 的數字為估算或創作者提供，非品牌實測。",
    ),
    ("generated", "Made with shortlist on", "製表日期"),
];

/// The word for `key` in `lang` (the key itself when there is none).
pub fn word(lang: Lang, key: &str) -> &str {
    WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, en, zh)| match lang {
            Lang::English => en,
            Lang::ZhTw => zh,
        })
}

/// The word for a source of figures.
pub fn source(lang: Lang, source: &str) -> &str {
    match source {
        "creator" => word(lang, "creator-reported"),
        other => word(lang, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_has_both_languages_and_keys_are_unique() {
        let mut keys: Vec<&str> = WORDS.iter().map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), WORDS.len());
        assert!(
            WORDS
                .iter()
                .all(|(_, en, zh)| !en.is_empty() && !zh.is_empty())
        );
        assert_eq!(word(Lang::ZhTw, "cost"), "成本");
        assert_eq!(source(Lang::English, "creator"), "reported by the creator");
    }
}
