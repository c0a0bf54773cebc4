//! The vocabulary of creator fields, in one place: every key `creators.toml` knows, on the
//! creator or on a channel, what it holds, and the names spreadsheets give it in English and
//! Chinese. The reader checks keys against it, the renderer writes fields in its order, import
//! recognises column headers by it, and the CSV and JSON output take their values through
//! [`Creator::value`] and [`Channel::value`].

use compact_str::CompactString;
use jiff::civil::Date;

use super::{Channel, Creator};

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// One line of text (an id, a name, a handle, a code).
    Text,
    /// Several lines of text.
    LongText,
    /// A list of texts.
    List,
    /// A whole number (followers, views, money).
    Count,
    /// A percent from 0 to 100.
    Percent,
    /// A calendar date.
    Date,
    /// The channels themselves (creators only).
    Channels,
}

/// One field: its key, what it holds, and the headers spreadsheets give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub holds: Holds,
    /// Column headers that mean this field, as spreadsheets and creator platforms write them
    /// (compared lower-cased, with spaces and punctuation taken out).
    pub headers: &'static [&'static str],
}

const fn field(key: &'static str, holds: Holds, headers: &'static [&'static str]) -> Field {
    Field {
        key,
        holds,
        headers,
    }
}

/// The fields of a `[[creator]]` table, in the order a person writes them.
#[rustfmt::skip]
pub const CREATOR_FIELDS: &[Field] = &[
    field("id", Holds::Text, &["id"]),
    field("name", Holds::Text, &["name", "名稱", "名称", "姓名", "暱稱", "昵称", "名字", "displayname", "creatorname", "kolname", "網紅", "网红", "網紅名稱", "网红名称", "頻道名稱", "频道名称", "channelname", "influencer", "kol", "創作者", "创作者"]),
    field("aliases", Holds::List, &["aliases", "alias", "別名", "别名", "其他名稱"]),
    field("email", Holds::Text, &["email", "mail", "emailaddress", "信箱", "電子郵件", "电子邮件", "電子信箱", "电子信箱", "郵箱", "邮箱", "電郵", "电邮", "聯絡信箱", "联络信箱", "contactemail", "聯絡email", "联系邮箱"]),
    field("niches", Holds::List, &["niche", "niches", "領域", "领域", "類別", "类别", "分類", "分类", "category", "categories", "tags", "標籤", "标签", "主題", "主题", "內容類型", "内容类型"]),
    field("location", Holds::Text, &["location", "地區", "地区", "城市", "city", "region", "country", "所在地", "地點", "地点", "國家", "国家"]),
    field("languages", Holds::List, &["languages", "language", "lang", "語言", "语言"]),
    field("kind", Holds::Text, &["kind", "類型", "类型", "creatortype", "kolkind"]),
    field("fake_followers", Holds::Percent, &["fakefollowers", "假粉", "假粉比例", "假粉率"]),
    field("vetted_on", Holds::Date, &["vettedon", "審核日期", "审核日期"]),
    field("rate", Holds::Count, &["rate", "報價", "报价", "price", "fee", "費用", "费用", "合作費用", "合作费用", "cost", "單價", "单价"]),
    field("currency", Holds::Text, &["currency", "幣別", "币别", "币种", "貨幣", "货币"]),
    field("notes", Holds::LongText, &["notes", "note", "備註", "备注", "remarks", "remark", "comment", "comments", "memo"]),
    field("channels", Holds::Channels, &[]),
];

/// The fields of a channel, in the order a person writes them.
#[rustfmt::skip]
pub const CHANNEL_FIELDS: &[Field] = &[
    field("platform", Holds::Text, &["platform", "平台", "平臺", "社群平台", "社群", "network", "socialnetwork", "site"]),
    field("handle", Holds::Text, &["handle", "帳號", "账号", "帳號名稱", "账号名称", "username", "用戶名", "用户名", "使用者名稱", "account", "accountname", "userid", "帳號id", "账号id", "igid", "@"]),
    field("followers", Holds::Count, &["followers", "follower", "粉絲數", "粉丝数", "粉絲", "粉丝", "追蹤數", "追踪数", "追蹤者", "追蹤人數", "追踪人数", "追蹤者數", "訂閱數", "订阅数", "訂閱", "订阅", "訂閱人數", "subscribers", "subs", "fans", "audience", "followercount"]),
    field("engagement", Holds::Percent, &["engagement", "engagementrate", "er", "互動率", "互动率", "互動", "互动", "avgengagement", "平均互動率", "平均互动率"]),
    field("avg_views", Holds::Count, &["avgviews", "averageviews", "平均觀看", "平均观看", "平均觀看數", "平均观看数", "views"]),
    field("url", Holds::Text, &["url", "連結", "链接", "link", "網址", "网址", "profile", "profileurl", "profilelink", "主頁", "主页", "頻道連結", "频道链接"]),
];

const fn keys<const N: usize>(fields: &[Field]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = fields[i].key;
        i += 1;
    }
    out
}

/// The keys a `[[creator]]` table may hold.
pub const CREATOR_KEYS: [&str; CREATOR_FIELDS.len()] = keys(CREATOR_FIELDS);
/// The keys a channel table may hold.
pub const CHANNEL_KEYS: [&str; CHANNEL_FIELDS.len()] = keys(CHANNEL_FIELDS);

/// A field's value as the data holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Text(&'a str),
    List(&'a [CompactString]),
    Count(u64),
    Percent(f64),
    Date(Date),
    /// Not known (left out, never written as 0 or "").
    Absent,
}

impl Value<'_> {
    /// The value as one cell of text: lists joined with `; `, absent as empty.
    pub fn cell(&self) -> String {
        match self {
            Value::Text(t) => t.to_string(),
            Value::List(l) => l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("; "),
            Value::Count(n) => n.to_string(),
            Value::Percent(p) => p.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Absent => String::new(),
        }
    }
}

fn text(t: &Option<CompactString>) -> Value<'_> {
    t.as_deref().map_or(Value::Absent, Value::Text)
}

impl Creator {
    /// The value of field `key` (one of [`CREATOR_KEYS`] but `channels`).
    pub fn value(&self, key: &str) -> Value<'_> {
        match key {
            "id" => Value::Text(&self.id),
            "name" => Value::Text(&self.name),
            "aliases" => Value::List(&self.aliases),
            "email" => text(&self.email),
            "niches" => Value::List(&self.niches),
            "location" => text(&self.location),
            "languages" => Value::List(&self.languages),
            "kind" => self.kind.map_or(Value::Absent, |k| Value::Text(k.name())),
            "fake_followers" => self.fake_followers.map_or(Value::Absent, Value::Percent),
            "vetted_on" => self.vetted_on.map_or(Value::Absent, Value::Date),
            "rate" => self.rate.map_or(Value::Absent, Value::Count),
            "currency" => text(&self.currency),
            "notes" => self.notes.as_deref().map_or(Value::Absent, Value::Text),
            _ => Value::Absent,
        }
    }
}

impl Channel {
    /// The value of field `key` (one of [`CHANNEL_KEYS`]).
    pub fn value(&self, key: &str) -> Value<'_> {
        match key {
            "platform" => Value::Text(self.platform.name()),
            "handle" => Value::Text(&self.handle),
            "followers" => self.followers.map_or(Value::Absent, Value::Count),
            "engagement" => self.engagement.map_or(Value::Absent, Value::Percent),
            "avg_views" => self.avg_views.map_or(Value::Absent, Value::Count),
            "url" => self.url.as_deref().map_or(Value::Absent, Value::Text),
            _ => Value::Absent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Platform};

    /// Every field of the vocabulary has a value on a creator that has them all.
    #[test]
    fn every_field_has_a_value() {
        let creator = Creator {
            id: "a".into(),
            name: "A".into(),
            aliases: vec!["x".into()],
            email: Some("a@b.example".into()),
            niches: vec!["n".into()],
            location: Some("L".into()),
            languages: vec!["en".into()],
            kind: Some(Kind::Kol),
            fake_followers: Some(1.5),
            vetted_on: Some(Date::constant(2026, 1, 2)),
            rate: Some(5),
            currency: Some("TWD".into()),
            notes: Some("n".into()),
            ..Creator::default()
        };
        for f in CREATOR_FIELDS.iter().filter(|f| f.holds != Holds::Channels) {
            assert_ne!(creator.value(f.key), Value::Absent, "{}", f.key);
        }
        let channel = Channel {
            platform: Platform::Instagram,
            handle: "h".into(),
            followers: Some(1),
            engagement: Some(2.0),
            avg_views: Some(3),
            url: Some("https://x.example".into()),
        };
        for f in CHANNEL_FIELDS {
            assert_ne!(channel.value(f.key), Value::Absent, "{}", f.key);
        }
        assert_eq!(creator.value("aliases").cell(), "x");
        assert_eq!(CREATOR_KEYS[0], "id");
        assert_eq!(CHANNEL_KEYS[5], "url");
    }
}
