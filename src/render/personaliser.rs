//! What a kit's personaliser page loads beside the shared WebAssembly: the kit's files
//! (`personalise/kit.json`), for the browser to make the kit's documents again with a
//! practice's answers.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::Artifact;
use crate::load::KitFiles;

/// Where a kit's files are, in the kit's folder.
pub const KIT_DATA: &str = "personalise/kit.json";

/// The folder beside the kits that holds the WebAssembly and the scripts every kit's
/// personaliser page uses: one copy for all the kits of an output folder.
pub const SHARED: &str = crate::model::SHARED_FOLDER;

/// A kit's files as the browser gets them: text as it is, other files in base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitData {
    /// The kit's profile, among `text`.
    pub profile: String,
    pub text: BTreeMap<String, String>,
    pub binary: BTreeMap<String, String>,
}

impl KitData {
    pub fn new(kit: &KitFiles) -> Self {
        let mut text = BTreeMap::new();
        let mut binary = BTreeMap::new();
        for (path, bytes) in &kit.files {
            let path = slashed(path);
            match std::str::from_utf8(bytes) {
                Ok(s) => text.insert(path, s.to_string()),
                Err(_) => binary.insert(path, base64::engine::general_purpose::STANDARD.encode(bytes)),
            };
        }
        KitData { profile: slashed(&kit.profile), text, binary }
    }

    /// The files, decoded.
    pub fn files(&self) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        let mut files: Vec<(String, Vec<u8>)> =
            self.text.iter().map(|(path, text)| (path.clone(), text.as_bytes().to_vec())).collect();
        for (path, data) in &self.binary {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .map_err(|e| anyhow::anyhow!("the kit's file {path} is damaged: {e}"))?;
            files.push((path.clone(), bytes));
        }
        Ok(files)
    }

    /// `personalise/kit.json`.
    pub fn artifact(&self) -> anyhow::Result<Artifact> {
        Ok(Artifact::file(KIT_DATA, serde_json::to_vec(self)?))
    }
}

/// A path with `/` between its parts, whatever the system's separator.
fn slashed(path: &std::path::Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_come_back_as_they_went() {
        let kit = KitFiles {
            profile: "profiles/p.toml".into(),
            files: vec![
                ("profiles/p.toml".into(), b"region = \"</script>\"".to_vec()),
                ("profiles/logos/l.png".into(), vec![0x89, b'P', b'N', b'G', 0xff, 0]),
            ],
        };
        let data = KitData::new(&kit);
        let back: KitData = serde_json::from_slice(&data.artifact().unwrap().bytes).unwrap();
        let mut files = back.files().unwrap();
        files.sort();
        assert_eq!(
            files,
            vec![
                ("profiles/logos/l.png".to_string(), vec![0x89, b'P', b'N', b'G', 0xff, 0]),
                ("profiles/p.toml".to_string(), b"region = \"</script>\"".to_vec()),
            ]
        );
    }
}
