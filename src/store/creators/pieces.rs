//! What reading a creator database and its cache agree on: a creator table read on its own (a
//! [`Piece`]) is kept in the cache in an encoded form and found again by the hash of its text,
//! and the file as a whole is identified by a stamp.

use super::read::Piece;

/// The encoded form of a piece.
pub(crate) fn encode(piece: &Piece) -> Vec<u8> {
    // Encoding plain owned data into a Vec cannot fail; an empty entry would only be a miss.
    postcard::to_allocvec(piece).unwrap_or_default()
}

/// A piece from its encoded form, or `None` if the bytes are not one.
pub(crate) fn decode(bytes: &[u8]) -> Option<Piece> {
    postcard::from_bytes(bytes).ok()
}

/// What identifies the file a cache describes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub hash: u128,
    pub len: u64,
    /// The entries are every creator table of the file, in order, and nothing else is in it
    /// but comments.
    pub complete: bool,
}

/// Results of reading single creator tables, kept from an earlier run and found by the hash
/// of the table's text.
pub(crate) trait PieceCache {
    /// Gets ready for many lookups, before the first: what finds the pieces of an earlier run,
    /// if there was one, used from other threads while this cache keeps what this run reads.
    fn prepare(&mut self) -> Option<std::sync::Arc<dyn Lookup>>;
    /// Records, in file order, a table the file holds now, whose header is at `line`: `fresh` is
    /// the encoded piece when it was read rather than found; `accepted` when it became a
    /// creator.
    fn keep(&mut self, hash: u128, line: u32, fresh: Option<Vec<u8>>, accepted: bool);
    /// Records what the whole file was, once it has been read.
    fn file_read(&mut self, stamp: FileStamp);
}

/// Finds the pieces an earlier run kept.
pub(crate) trait Lookup: Send + Sync {
    /// The piece read from text with this hash, if known (called from several threads).
    fn get(&self, hash: u128) -> Option<Piece>;
}
