use super::*;

#[test]
fn every_damaged_copy_is_refused_or_identical() {
    let ix = Index::build(&crate::synth::creators(50, 9));
    let bytes = ix.encode();
    let decoded = Index::decode(&bytes).unwrap();
    assert!(
        decoded.encode() == bytes,
        "decoding then encoding changes the bytes"
    );
    // Truncations and single-byte flips never panic and never give a different index.
    for cut in (0..bytes.len()).step_by(37) {
        assert!(Index::decode(&bytes[..cut]).is_err());
    }
    for at in (MAGIC.len()..bytes.len()).step_by(13) {
        let mut copy = bytes.clone();
        copy[at] ^= 0x55;
        if let Ok(other) = Index::decode(&copy) {
            assert_eq!(other.len(), ix.len(), "flip at {at}");
        }
    }
}
