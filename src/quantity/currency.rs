//! ISO 4217 currency codes.

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency code: three upper-case ASCII letters ("USD", "EUR", "CNY").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The euro, pivot of the ECB tables.
    pub const EUR: Currency = Currency(*b"EUR");
    /// The US dollar.
    pub const USD: Currency = Currency(*b"USD");
    /// The Chinese yuan renminbi.
    pub const CNY: Currency = Currency(*b"CNY");

    /// The code as a string.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for Currency {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let b = t.as_bytes();
        match b {
            [a, b2, c] if b.iter().all(u8::is_ascii_alphabetic) => Ok(Currency([
                a.to_ascii_uppercase(),
                b2.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(format!(
                "\"{s}\" is not an ISO 4217 currency code (three letters, such as USD, EUR, CNY)"
            )),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!("usd".parse::<Currency>(), Ok(Currency::USD));
        assert_eq!(" EUR ".parse::<Currency>(), Ok(Currency::EUR));
        assert!("US".parse::<Currency>().is_err());
        assert!("US$".parse::<Currency>().is_err());
        assert!("ÉUR".parse::<Currency>().is_err());
    }
}
