//! What a kit's files depend on, as one SHA-256: the code and templates that render it (fixed
//! when cyberkit is compiled), the date its documents carry, the profile file and its logo, the
//! interface strings and reference data, and the files of the modules the kit holds. A kit whose
//! manifest records the same fingerprint is up to date; an incremental build skips it.
//!
//! Decided from contents, never from file times: a file touched but unchanged rebuilds nothing,
//! and a file restored from a backup with an old time is still seen as changed.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::files::{Entry, Files};
use crate::plan::Kit;

/// The hashes of the content's files, read once per build.
pub struct ContentHashes {
    /// The interface strings and the reference data, together.
    shared: [u8; 32],
    /// Each module's files (every language), by module id.
    modules: BTreeMap<String, [u8; 32]>,
}

impl ContentHashes {
    pub fn read(files: &dyn Files) -> anyhow::Result<Self> {
        let content = Path::new("content");
        let mut shared = Sha256::new();
        for dir in ["i18n", "reference"] {
            for path in files.list(&content.join(dir), "toml")? {
                add_file(&mut shared, files, &path)?;
            }
        }
        let mut by_module: BTreeMap<String, Sha256> = BTreeMap::new();
        for path in files.list(&content.join("modules"), "md")? {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let id = name.split('.').next().unwrap_or_default().to_string();
            add_file(by_module.entry(id).or_default(), files, &path)?;
        }
        let modules = by_module.into_iter().map(|(id, hash)| (id, hash.finalize().into())).collect();
        Ok(ContentHashes { shared: shared.finalize().into(), modules })
    }

    /// The fingerprint of one kit.
    pub fn kit(&self, files: &dyn Files, kit: &Kit<'_>) -> anyhow::Result<String> {
        let mut hash = Sha256::new();
        hash.update(env!("CYBERKIT_FINGERPRINT"));
        hash.update(kit.date.to_string());
        hash.update(self.shared);
        for module in &kit.modules {
            hash.update(&module.id);
            hash.update(self.modules.get(&module.id).copied().unwrap_or_default());
        }
        // The documents it holds: a build with the print-shop copies is another kit.
        for document in &kit.documents {
            hash.update(&document.path);
            hash.update([0]);
        }
        add_file(&mut hash, files, &kit.profile.path)?;
        if let Some(logo) = kit.profile.publisher.as_ref().and_then(|p| p.logo.as_ref()) {
            hash.update(&logo.png);
        }
        Ok(format!("{:x}", hash.finalize()))
    }
}

/// A file's name and bytes, each preceded by its length so that no two lists of files hash alike.
fn add_file(hash: &mut Sha256, files: &dyn Files, path: &Path) -> anyhow::Result<()> {
    let Entry::File(bytes) = files.read(path, u64::MAX)? else {
        anyhow::bail!("failed to read {}: it is gone", path.display())
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    hash.update((name.len() as u64).to_le_bytes());
    hash.update(name.as_bytes());
    hash.update((bytes.len() as u64).to_le_bytes());
    hash.update(&bytes);
    Ok(())
}
