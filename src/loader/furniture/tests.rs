use super::*;

#[test]
fn single_lines() {
    let cases: &[(&str, Option<&str>)] = &[
        ("6 min read", Some("reading time")),
        ("4 minute read", Some("reading time")),
        ("Reading time: 4 minutes", Some("reading time")),
        ("No Comments", Some("comment count")),
        ("3 Comments", Some("comment count")),
        ("Comments (12)", Some("comment count")),
        ("A A A", Some("font-size widget")),
        ("Font size: A- A+", Some("font-size widget")),
        ("Home > Analysis > Energy", Some("breadcrumb")),
        ("Home / Publications", Some("breadcrumb")),
        ("Photo: a ship in port / Reuters", Some("image caption")),
        (
            "A bulk carrier leaves port (photo: Sea Ports Authority)",
            Some("image caption"),
        ),
        ("wind-farm.jpg", Some("image file name")),
        ("Download PDF", Some("page action")),
        ("Prices rose by 5 / 3 percent", None),
        ("The meeting lasted 45 minutes", None),
        ("Comments on the draft law", None),
        ("A new approach", None),
        ("Energy > Transport > Defence in the budget debate", None),
        ("Credit: lending to firms fell by 3% in May", None),
    ];
    for (text, want) in cases {
        assert_eq!(
            furniture_reason(text, &text.to_lowercase(), 20),
            *want,
            "{text:?}"
        );
    }
    assert_eq!(
        furniture_reason(
            "Research and analysis for lawmakers since 1921",
            "research and analysis for lawmakers since 1921",
            1
        ),
        Some("masthead")
    );
    assert_eq!(
        furniture_reason("Analysis > Energy > Gas", "analysis > energy > gas", 2),
        Some("breadcrumb")
    );
    assert!(is_share_label(&"Share:".to_lowercase()));
    assert!(is_share_label(&"Поділитися:".to_lowercase()));
    assert!(is_share_label(
        &"Share: Facebook X LinkedIn Email".to_lowercase()
    ));
    assert!(!is_share_label(
        &"Share of renewables: 40 percent".to_lowercase()
    ));
    assert!(is_share_buttons("facebook twitter", false));
    assert!(!is_share_buttons("telegram", false));
}

#[test]
fn dates_and_bylines() {
    assert_eq!(
        labelled_date("Updated December 23, 2024"),
        Some("December 23, 2024")
    );
    assert_eq!(
        labelled_date("Published: 3 March 2025"),
        Some("3 March 2025")
    );
    assert_eq!(labelled_date("Updated rules apply from 2025"), None);
    assert_eq!(byline("By Dana Serikbayeva"), Some("Dana Serikbayeva"));
    assert_eq!(byline("By the end of the year."), None);
    assert_eq!(byline("By then"), None);
}

#[test]
fn site_names() {
    assert_eq!(
        split_site("Undersea cables in the Baltic | Northern Policy Forum"),
        (
            "Undersea cables in the Baltic",
            Some("Northern Policy Forum")
        )
    );
    assert_eq!(
        split_site("Two-thirds - a story"),
        ("Two-thirds - a story", None)
    );
}
