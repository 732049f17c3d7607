//! Dates as briefs write them in their header lines: "12 March 2024",
//! "March 12, 2024", "2024-03-12", "Tuesday 12 March 2024"; and their ISO form.

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

fn is_year(token: &str) -> bool {
    token.len() == 4
        && token
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

fn is_numeric_date(token: &str) -> bool {
    // 2024-06-19, 19.06.2024, 19/06/2024, optionally followed by a time.
    let parts: Vec<&str> = token.split(['-', '.', '/']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
        && (is_year(parts[0]) || is_year(parts[2]))
}

/// A date in any of the spellings `is_date` accepts, as `YYYY-MM-DD`
/// (`YYYY-MM` or `YYYY` when the day or month is not given).
pub fn iso_date(text: &str) -> Option<String> {
    if !is_date(text) {
        return None;
    }
    let tokens: Vec<String> = text
        .split([' ', ',', 'T'])
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches('.').to_lowercase())
        .collect();
    let first = tokens.first()?;
    if is_numeric_date(first) {
        let parts: Vec<u32> = first
            .split(['-', '.', '/'])
            .filter_map(|p| p.parse().ok())
            .collect();
        let (y, m, d) = if parts[0] > 31 {
            (parts[0], parts[1], parts[2])
        } else {
            (parts[2], parts[1], parts[0])
        };
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for t in &tokens {
        if let Some(i) = MONTHS.iter().position(|m| m == t) {
            month = Some(if i < 12 {
                i + 1
            } else {
                [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][i - 12]
            });
        } else if is_year(t) {
            year = t.parse::<u32>().ok();
        } else if let Ok(d) = t
            .trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<u32>()
        {
            day = Some(d);
        }
    }
    Some(match (year?, month, day) {
        (y, Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (y, Some(m), None) => format!("{y:04}-{m:02}"),
        (y, _, _) => format!("{y:04}"),
    })
}

/// A line that is only a date, in any of the usual spellings.
pub fn is_date(text: &str) -> bool {
    // The longest spelling, `Wednesday, 18 September 2024, 14:05 CEST`, is
    // short: a paragraph is not split into words to find out.
    if text.len() > 64 {
        return false;
    }
    let tokens: Vec<String> = text
        .split([' ', ','])
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches('.').to_lowercase())
        .collect();
    if tokens.is_empty() || tokens.len() > 6 {
        return false;
    }
    if is_numeric_date(&tokens[0]) {
        return tokens[1..]
            .iter()
            .all(|t| t.contains(':') || t == "utc" || t == "cet" || t == "gmt");
    }
    let mut month = false;
    let mut year = false;
    for t in &tokens {
        if MONTHS.contains(&t.as_str()) {
            month = true;
        } else if is_year(t) {
            year = true;
        } else if WEEKDAYS.contains(&t.as_str()) {
        } else {
            let day = t.trim_end_matches(|c: char| c.is_alphabetic());
            if !day.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) {
                return false;
            }
        }
    }
    month && year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for yes in [
            "18 June 2024",
            "June 18, 2024",
            "Monday, 18 June 2024",
            "2024-06-19",
            "19.06.2024",
            "3rd March 2025",
            "Sept 2023",
        ] {
            assert!(is_date(yes), "{yes}");
        }
        for no in ["June", "In 2024 the", "18 people in 2024", "Analyses"] {
            assert!(!is_date(no), "{no}");
        }
    }

    #[test]
    fn iso_dates() {
        for (text, iso) in [
            ("18 June 2024", "2024-06-18"),
            ("June 18, 2024", "2024-06-18"),
            ("2024-06-19", "2024-06-19"),
            ("19.06.2024", "2024-06-19"),
            ("Sept 2023", "2023-09"),
        ] {
            assert_eq!(iso_date(text).as_deref(), Some(iso), "{text}");
        }
        assert_eq!(iso_date("tomorrow"), None);
    }
}
