//! The sample workspace under `data/`, built into the binary so that the program runs on a
//! fresh machine with no files around it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Every file of the sample workspace, by path relative to the workspace root. A test checks
/// that this list and the `data/` folder agree.
pub const FILES: &[(&str, &str)] = &[
    (SAMPLE_MARK, include_str!("../../data/SAMPLE.md")),
    ("creators.toml", include_str!("../../data/creators.toml")),
    (
        "campaigns/lumi-vitc-launch.toml",
        include_str!("../../data/campaigns/lumi-vitc-launch.toml"),
    ),
    (
        "campaigns/trailhead-ul-pack.toml",
        include_str!("../../data/campaigns/trailhead-ul-pack.toml"),
    ),
    (
        "templates/invite-zh-TW.txt",
        include_str!("../../data/templates/invite-zh-TW.txt"),
    ),
    (
        "templates/invite-en.txt",
        include_str!("../../data/templates/invite-en.txt"),
    ),
    (
        "templates/followup-zh-TW.txt",
        include_str!("../../data/templates/followup-zh-TW.txt"),
    ),
];

/// The file that says a workspace is the sample: while it is there the interface says so.
pub const SAMPLE_MARK: &str = "SAMPLE.md";

/// The creator database of an empty workspace: how to write a creator, with no one in it.
const EMPTY_CREATORS: &str = r##"# The creator database: one [[creator]] table per person.
#
# Required: id (a-z 0-9 - _ .), name, and at least one channel with a platform and a handle.
# Everything else is optional; leave out what you do not know rather than writing 0.
# engagement and fake_followers are percents (4.5 means 4.5 %). rate is the usual fee per post
# in `currency` (TWD when not given). Numbers may use _ as a separator: 52_000.
# `shortlist import SHEET` adds creators from a spreadsheet (CSV, xlsx, ods).
#
# An example, to copy without the leading "# ":
#
# [[creator]]
# id = "annie.skin.diary"
# name = "安妮 Annie"
# email = "annie@example.com"
# niches = ["skincare", "beauty"]
# location = "Taipei, TW"
# rate = 25_000
# channels = [
#   { platform = "instagram", handle = "annie.skin.diary", followers = 48_000, engagement = 4.2 },
# ]
"##;

/// Why the sample could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("refusing to overwrite {}", list(.0))]
    Exists(Vec<PathBuf>),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes the whole sample into `dir` (created if needed). Nothing is written if any of the
/// sample's files already exists there, and a failure part-way takes back what was written.
pub fn write_all(dir: &Path) -> Result<Vec<PathBuf>, SampleError> {
    write_set(dir, FILES)
}

/// Writes an empty workspace into `dir` (created if needed): the creator database with its
/// guide and no one in it, the sample's templates and an empty `campaigns/`; as [`write_all`],
/// never over anything.
pub fn write_empty(dir: &Path) -> Result<Vec<PathBuf>, SampleError> {
    // The creator guide, and the sample's templates: nothing invented.
    let mut files = vec![("creators.toml", EMPTY_CREATORS)];
    files.extend(FILES.iter().filter(|(p, _)| p.starts_with("templates/")));
    let mut written = write_set(dir, &files)?;
    let campaigns = dir.join("campaigns");
    if !campaigns.exists() {
        std::fs::create_dir_all(&campaigns).map_err(|source| SampleError::Io {
            path: campaigns.clone(),
            source,
        })?;
        written.push(campaigns);
    }
    Ok(written)
}

fn write_set(dir: &Path, files: &[(&str, &str)]) -> Result<Vec<PathBuf>, SampleError> {
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        return Err(SampleError::Exists(existing));
    }
    let folders = missing_folders(dir, files);
    write_missing_of(dir, files).inspect_err(|_| {
        for (rel, _) in files {
            let path = dir.join(rel);
            if !existing.contains(&path) {
                let _ = std::fs::remove_file(path);
            }
        }
        for folder in folders.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    })
}

/// The folders a full write of the sample into `dir` would create, outermost first.
fn missing_folders(dir: &Path, files: &[(&str, &str)]) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let mut at = Some(dir);
    while let Some(p) = at {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        folders.push(p.to_path_buf());
        at = p.parent();
    }
    folders.reverse();
    for (rel, _) in files {
        if let Some(parent) = dir.join(rel).parent()
            && !parent.exists()
            && !folders.iter().any(|f| f == parent)
        {
            folders.push(parent.to_path_buf());
        }
    }
    folders
}

/// Writes the sample files that `dir` does not have yet, leaving existing files alone.
pub fn write_missing(dir: &Path) -> Result<Vec<PathBuf>, SampleError> {
    write_missing_of(dir, FILES)
}

fn write_missing_of(dir: &Path, files: &[(&str, &str)]) -> Result<Vec<PathBuf>, SampleError> {
    let mut written = Vec::new();
    for (rel, content) in files {
        let path = dir.join(rel);
        if path.exists() {
            continue;
        }
        write_new(&path, content).map_err(|source| SampleError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a whole file or nothing, and never replaces a file that appeared meanwhile. The file
/// is readable by others, as files people make usually are.
fn write_new(path: &Path, content: &str) -> std::io::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let mut tmp = tempfile::NamedTempFile::new_in(parent)
        .map_err(crate::store::write::without_temporary_name)?;
    tmp.write_all(content.as_bytes())?;
    tmp.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_matches_the_data_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut on_disk = Vec::new();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(&root).unwrap();
                    on_disk.push(rel.to_string_lossy().replace('\\', "/"));
                }
                // The program's own vocabulary lives beside the sample; it is not written into
                // workspaces (a workspace's vocabulary.toml adds to it).
                on_disk.retain(|p| p != "vocabulary.toml");
            }
        }
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn write_all_refuses_to_overwrite_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
        std::fs::write(tmp.path().join("templates/invite-en.txt"), "mine").unwrap();
        let err = write_all(tmp.path()).unwrap_err();
        assert!(
            matches!(err, SampleError::Exists(ref p) if p.len() == 1),
            "{err}"
        );
        assert!(!tmp.path().join("creators.toml").exists());
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("templates/invite-en.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn write_all_writes_every_file() {
        let tmp = tempfile::tempdir().unwrap();
        let written = write_all(&tmp.path().join("new")).unwrap();
        assert_eq!(written.len(), FILES.len());
        for (rel, content) in FILES {
            assert_eq!(
                std::fs::read_to_string(tmp.path().join("new").join(rel)).unwrap(),
                *content
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_are_readable_by_others() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        for path in write_all(tmp.path()).unwrap() {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "{}", path.display());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_failure_part_way_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        // templates/ cannot be made: a file is in its place.
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("templates"), "in the way").unwrap();
        assert!(write_all(&dir).is_err());
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["templates"], "only what was there before");
    }
}
