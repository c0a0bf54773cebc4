//! Building an invitation as an email message (mail-builder): UTF-8, encoded words for
//! non-ASCII headers, the body encoding chosen for size, CRLF line endings, `From` and
//! `Reply-To` from the campaign's sender, `X-Unsent: 1` so that mail clients open it as a
//! draft. Every header value has been made one line before it gets here.

use jiff::Zoned;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;

use super::address::Mailbox;
use super::render::{Letter, one_line};
use crate::model::Sender;

/// A file to attach: its name and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The `Date` header's form of a time, in its own offset: `Sun, 22 Nov 2026 09:30:00 +0800`.
pub fn rfc2822(now: &Zoned) -> String {
    now.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// The message id of an invitation, without its angle brackets: unique per campaign, creator
/// and second, on the sender's domain.
pub fn message_id(campaign: &str, creator: &str, sender_email: &str, now: &Zoned) -> String {
    let domain = sender_email
        .rsplit_once('@')
        .map_or("localhost", |(_, d)| d);
    format!(
        "{campaign}.{creator}.{}@{domain}",
        now.timestamp().strftime("%Y%m%dT%H%M%SZ")
    )
}

/// A mailbox (already validated) as mail-builder's address.
fn address(m: &Mailbox) -> Address<'static> {
    match &m.name {
        Some(name) => Address::from((name.clone(), m.email.clone())),
        None => Address::from(m.email.clone()),
    }
}

/// The type of an attachment, by its file name.
fn content_type(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// The invitation as the bytes of an email message (CRLF line endings).
pub fn build(
    letter: &Letter,
    sender: &Sender,
    campaign: &str,
    now: &Zoned,
    attachments: &[Attachment],
) -> Vec<u8> {
    let from = Address::from((one_line(&sender.name), one_line(&sender.email)));
    let mut message = MessageBuilder::new()
        .from(from.clone())
        .to(address(&letter.to()))
        .subject(one_line(&letter.subject))
        .header("Date", Raw::new(rfc2822(now)))
        .message_id(message_id(campaign, &letter.creator, &sender.email, now))
        .header("X-Unsent", Raw::new("1"));
    if let Some(last) = letter.thread.last() {
        let bare = |id: &String| super::thread::bare(id).to_string();
        message = message
            .in_reply_to(bare(last))
            .references(letter.thread.iter().map(bare).collect::<Vec<_>>());
    }
    message = match &letter.reply_to {
        Some(r) => message.reply_to(address(r)),
        None => message.reply_to(from),
    };
    if !letter.cc.is_empty() {
        message = message.cc(letter.cc.iter().map(address).collect::<Vec<_>>());
    }
    if !letter.bcc.is_empty() {
        message = message.bcc(letter.bcc.iter().map(address).collect::<Vec<_>>());
    }
    message = message.text_body(letter.body.replace('\n', "\r\n"));
    for a in attachments {
        message = message.attachment(content_type(&a.name), a.name.clone(), a.bytes.clone());
    }
    // Writing to memory cannot fail.
    message.write_to_vec().unwrap_or_default()
}
