//! Moments as `brief` keeps them: RFC 3339 text in the file, a time in
//! memory, so that they compare as times. As text, "12:00:00Z" sorts after
//! "12:00:00.5Z" and "13:00+01:00" after "12:30Z"; as times they do not.
//! Text that is not a time (a file edited by hand) is kept as written and
//! written back unchanged, rather than making the whole file unreadable.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// When an annotation was made or changed, or the reader was somewhere.
/// Ordered oldest first; text that is not a time sorts before every time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Timestamp {
    /// Not a time: kept as written (empty: never).
    Text(String),
    At(OffsetDateTime),
}

impl Default for Timestamp {
    fn default() -> Self {
        Timestamp::Text(String::new())
    }
}

impl Timestamp {
    /// `text` as a time when it is RFC 3339, else kept as text.
    pub fn parse(text: &str) -> Timestamp {
        match OffsetDateTime::parse(text, &Rfc3339) {
            Ok(at) => Timestamp::At(at),
            Err(_) => Timestamp::Text(text.to_string()),
        }
    }

    /// The day, `YYYY-MM-DD`, in the offset it was written with.
    pub fn day(&self) -> String {
        match self {
            Timestamp::At(at) => {
                let date = at.date();
                format!(
                    "{:04}-{:02}-{:02}",
                    date.year(),
                    u8::from(date.month()),
                    date.day()
                )
            }
            Timestamp::Text(text) => text.chars().take(10).collect(),
        }
    }

    /// Its digits, oldest-first sortable: used to build ids.
    pub fn digits(&self) -> String {
        self.to_string()
            .chars()
            .filter(char::is_ascii_digit)
            .collect()
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(at: OffsetDateTime) -> Self {
        Timestamp::At(at)
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp::parse(text)
    }
}

impl From<String> for Timestamp {
    fn from(text: String) -> Self {
        Timestamp::parse(&text)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // Formatting an RFC 3339 time fails only for years outside
            // 0..=9999, which parsing never produces.
            Timestamp::At(at) => match at.format(&Rfc3339) {
                Ok(text) => f.write_str(&text),
                Err(_) => write!(f, "{at}"),
            },
            Timestamp::Text(text) => f.write_str(text),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Timestamp::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn times_compare_as_times_and_text_round_trips() {
        let t = Timestamp::parse;
        // (earlier, later): wrong as text, right as times.
        for (earlier, later) in [
            ("2026-01-01T12:00:00Z", "2026-01-01T12:00:00.5Z"),
            ("2026-01-01T12:30:00Z", "2026-01-01T13:00:00+00:01"),
            ("2026-01-01T13:00:00+02:00", "2026-01-01T12:00:00Z"),
            ("written by hand", "2026-01-01T00:00:00Z"),
        ] {
            assert!(t(earlier) < t(later), "{earlier} < {later}");
        }
        for text in [
            "2026-01-01T12:00:00.5Z",
            "2026-11-30T04:12:11+01:00",
            "a",
            "",
        ] {
            assert_eq!(t(text).to_string(), text);
            let yaml = crate::yaml::to_string(&t(text)).unwrap();
            let back: Timestamp = crate::yaml::from_str(&yaml).unwrap();
            assert_eq!(back, t(text), "{yaml}");
        }
        assert_eq!(t("2026-11-30T23:30:00-05:00").day(), "2026-11-30");
        assert_eq!(t("2026-11-30T04:12:11Z").digits(), "20261130041211");
    }
}
