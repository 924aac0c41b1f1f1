//! NotBefore/NotAfter arithmetic: UTC, whole seconds, leap days.
//!
//! Defaults copy New-SelfSignedCertificate (formats.md section 7): NotBefore = now − 10 minutes,
//! so a clock a little behind still accepts the certificate, and NotAfter = one year after
//! NotBefore, so the certificate lives exactly the year (or the `--days`) it was asked for.
//! The manifest's startDateTime/endDateTime are these dates in whole seconds, and an end date
//! after the certificate's NotAfter is refused by Entra, so no fractional seconds survive here.
//! UTCTime vs GeneralizedTime (2050 and later) is chosen by rcgen when encoding.

use time::format_description::well_known::Rfc3339;
use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::error::{Error, Result};

/// Years a certificate date may have. X.509 allows 1950 (UTCTime's start) to 9999
/// (GeneralizedTime's end), but the `der` crate that reads certificates back (x509-cert) cannot
/// represent dates before 1970, so a certificate dated earlier could be written but never read.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=9999;

/// How far NotBefore is backdated by default, as Windows does.
pub const BACKDATE: Duration = Duration::minutes(10);

/// A certificate's validity period, both ends UTC and in whole seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

impl Validity {
    /// The default: from `now` − 10 minutes until one year after that (29 Feb → 28 Feb).
    pub fn default_from(now: OffsetDateTime) -> Result<Self> {
        Self::resolve(now, None, None, None)
    }

    /// Resolves `--days`, `--not-before` and `--not-after` against `now`.
    ///
    /// NotBefore is the given date, else `now` − 10 minutes. NotAfter is the given date, else
    /// `--days` days after NotBefore, else one year after it.
    pub fn resolve(
        now: OffsetDateTime,
        days: Option<u32>,
        not_before: Option<&str>,
        not_after: Option<&str>,
    ) -> Result<Self> {
        let explicit_start = not_before
            .map(|t| parse_time("--not-before", t))
            .transpose()?;
        let start = explicit_start.unwrap_or_else(|| whole_seconds(now) - BACKDATE);
        let end = match (not_after, days) {
            (Some(_), Some(d)) => {
                return Err(Error::invalid(
                    "validity",
                    format!("--days {d} with --not-after"),
                    "both set the end date",
                    "give either --days or --not-after",
                ))
            }
            (Some(t), None) => parse_time("--not-after", t)?,
            (None, Some(d)) => add_days(start, d)?,
            (None, None) => add_one_year(start)?,
        };
        Self::new(start, end)
    }

    /// Checks and normalizes explicit dates: converted to UTC, truncated to whole seconds.
    pub fn new(not_before: OffsetDateTime, not_after: OffsetDateTime) -> Result<Self> {
        let not_before = whole_seconds(not_before);
        let not_after = whole_seconds(not_after);
        for (flag, t) in [("--not-before", not_before), ("--not-after", not_after)] {
            if !YEARS.contains(&t.year()) {
                return Err(Error::invalid(
                    "validity",
                    format_utc(t),
                    format!("{flag} must fall in the years 1970 to 9999"),
                    "choose a date between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z",
                ));
            }
        }
        if not_after <= not_before {
            return Err(Error::invalid(
                "validity",
                format!("{} .. {}", format_utc(not_before), format_utc(not_after)),
                "NotAfter must be later than NotBefore",
                "check --not-before, --not-after and --days",
            ));
        }
        Ok(Validity {
            not_before,
            not_after,
        })
    }
}

/// `2027-12-03T10:15:30Z`: the form the manifest and `--json` output use.
pub fn format_utc(t: OffsetDateTime) -> String {
    whole_seconds(t)
        .format(&Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

/// Parses an RFC 3339 time with any offset (`2027-01-01T00:00:00+02:00`); returns it in UTC.
pub fn parse_time(flag: &'static str, text: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(whole_seconds)
        .map_err(|e| {
            Error::invalid(
                flag,
                text,
                format!("not an RFC 3339 date and time: {e}"),
                "write it like 2027-12-03T10:15:30Z or 2027-12-03T11:15:30+01:00",
            )
        })
}

fn whole_seconds(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(UtcOffset::UTC)
        .replace_nanosecond(0)
        .expect("0 is a valid nanosecond")
}

fn out_of_range(what: String) -> Error {
    Error::invalid(
        "validity",
        what,
        "the end date would fall after the year 9999",
        "choose fewer --days or an explicit --not-after",
    )
}

fn add_days(base: OffsetDateTime, days: u32) -> Result<OffsetDateTime> {
    if days == 0 {
        return Err(Error::invalid(
            "--days",
            "0",
            "a certificate must be valid for at least one day",
            "give --days 1 or more (365 is one year)",
        ));
    }
    base.checked_add(Duration::days(i64::from(days)))
        .filter(|t| YEARS.contains(&t.year()))
        .ok_or_else(|| out_of_range(format!("--days {days}")))
}

/// The same date and time one year later; 29 February becomes 28 February.
fn add_one_year(base: OffsetDateTime) -> Result<OffsetDateTime> {
    let year = base.year() + 1;
    let month = base.month();
    let day = base.day().min(month.length(year));
    let date = Date::from_calendar_date(year, month, day)
        .map_err(|_| out_of_range(format!("{year}-{month}-{day}")))?;
    Ok(base.replace_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn default_is_ten_minutes_back_and_one_year_after_that() {
        let v = Validity::default_from(datetime!(2025-06-15 12:00:00.75 UTC)).unwrap();
        assert_eq!(v.not_before, datetime!(2025-06-15 11:50:00 UTC));
        assert_eq!(v.not_after, datetime!(2026-06-15 11:50:00 UTC));
    }

    #[test]
    fn leap_day_clamps_to_28_february() {
        let v = Validity::default_from(datetime!(2024-02-29 08:00 UTC)).unwrap();
        assert_eq!(v.not_after, datetime!(2025-02-28 07:50 UTC));
        let v = Validity::default_from(datetime!(2027-02-28 08:00 UTC)).unwrap();
        assert_eq!(v.not_after, datetime!(2028-02-28 07:50 UTC));
        // Ten minutes back from 1 March 00:05 of a leap year is 29 February.
        let v = Validity::default_from(datetime!(2028-03-01 00:05 UTC)).unwrap();
        assert_eq!(v.not_before, datetime!(2028-02-29 23:55 UTC));
        assert_eq!(v.not_after, datetime!(2029-02-28 23:55 UTC));
    }

    #[test]
    fn days_count_from_not_before() {
        let now = datetime!(2025-01-01 00:00 UTC);
        let v = Validity::resolve(now, Some(30), None, None).unwrap();
        assert_eq!(v.not_after, datetime!(2025-01-30 23:50 UTC));
        let v = Validity::resolve(now, Some(1), Some("2030-03-01T00:00:00Z"), None).unwrap();
        assert_eq!(v.not_before, datetime!(2030-03-01 00:00 UTC));
        assert_eq!(v.not_after, datetime!(2030-03-02 00:00 UTC));
    }

    #[test]
    fn offsets_become_utc_and_fractions_are_dropped() {
        let now = datetime!(2025-01-01 00:00 UTC);
        let v = Validity::resolve(
            now,
            None,
            Some("2025-01-01T01:30:00.999+02:00"),
            Some("2060-07-01T00:00:00-05:00"),
        )
        .unwrap();
        assert_eq!(v.not_before, datetime!(2024-12-31 23:30:00 UTC));
        assert_eq!(v.not_after, datetime!(2060-07-01 05:00:00 UTC));
        assert_eq!(v.not_after.offset(), UtcOffset::UTC);
        assert_eq!(format_utc(v.not_before), "2024-12-31T23:30:00Z");
    }

    #[test]
    fn refusals() {
        let now = datetime!(2025-01-01 00:00 UTC);
        let err = |d, b, a| Validity::resolve(now, d, b, a).unwrap_err().to_string();
        assert!(err(None, None, Some("2024-01-01T00:00:00Z")).contains("later than"));
        assert!(err(None, None, Some("2025-01-01")).contains("RFC 3339"));
        assert!(err(Some(0), None, None).contains("at least one day"));
        assert!(err(Some(u32::MAX), None, None).contains("9999"));
        assert!(err(Some(1), None, Some("2026-01-01T00:00:00Z")).contains("both"));
        assert!(err(None, Some("1969-12-31T23:59:59Z"), None).contains("1970"));
        let v = Validity::resolve(now, None, None, Some("9999-12-31T23:59:59Z")).unwrap();
        assert_eq!(v.not_after.year(), 9999);
    }
}
