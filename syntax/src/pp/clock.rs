//! `__DATE__` and `__TIME__`: the build's moment, as gcc spells it (`SOURCE_DATE_EPOCH` is read
//! by the caller, so that this crate stays free of the environment).

/// The `__DATE__` and `__TIME__` spellings (without quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildClock {
    pub date: String,
    pub time: String,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl BuildClock {
    /// The moment `secs` seconds after the Unix epoch, in UTC: `Nov  6 2026`, `23:11:24`.
    pub fn from_epoch(secs: i64) -> BuildClock {
        let days = secs.div_euclid(86_400);
        let of_day = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        BuildClock {
            date: format!("{} {day:>2} {year}", MONTHS[(month - 1) as usize]),
            time: format!(
                "{:02}:{:02}:{:02}",
                of_day / 3600,
                of_day / 60 % 60,
                of_day % 60
            ),
        }
    }
}

/// Howard Hinnant's `civil_from_days`: (year, month 1-12, day 1-31) of a day count.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_like_gcc() {
        let clock = BuildClock::from_epoch(1_795_000_000);
        assert_eq!(clock.date, "Nov 18 2026");
        assert_eq!(clock.time, "11:06:40");
        assert_eq!(BuildClock::from_epoch(0).date, "Jan  1 1970");
        assert_eq!(BuildClock::from_epoch(0).time, "00:00:00");
        assert_eq!(BuildClock::from_epoch(951_782_400).date, "Feb 29 2000");
    }
}
