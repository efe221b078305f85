//! The dates a run takes from its environment: today, for which contacts are stale, and the date
//! the documents carry. `SOURCE_DATE_EPOCH` fixes both (reproducible builds and tests).

use anyhow::Context as _;

use crate::model::{Content, Date};

/// The date a run takes as today: `SOURCE_DATE_EPOCH` when set, else the clock. It only decides
/// which contacts are stale; no output contains it.
pub fn today() -> anyhow::Result<Date> {
    let timestamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            let seconds: i64 =
                s.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH is not a number of seconds: `{s}`"))?;
            jiff::Timestamp::from_second(seconds).context("SOURCE_DATE_EPOCH is out of range")?
        }
        Err(_) => jiff::Timestamp::now(),
    };
    Ok(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The date the documents carry: `SOURCE_DATE_EPOCH` when set, else the newest `updated` date of
/// the content — never the clock, so that the same inputs give the same bytes.
pub fn document_date(content: &Content) -> anyhow::Result<Date> {
    if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
        return today();
    }
    Ok(content.documents_date())
}
