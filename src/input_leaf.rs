//! Which certificate of a file is "the" certificate (the leaf) that commands act on.
//!
//! With a private key, it is the certificate for that key; when a renewal kept the key, several
//! match, and the one valid now (else the one that expires last) is meant. Without a key, it is
//! the end of the chain: the certificate that issued none of the others, preferably not a CA,
//! so that `cat ca.pem leaf.pem` means the leaf. Identical copies count once.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use time::OffsetDateTime;

use crate::certificate::Certificate;

/// How the leaf was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafReason {
    /// The certificate of the file's private key.
    Key,
    /// The file holds one certificate.
    Only,
    /// The one certificate that issued none of the others (the end of a chain).
    Chain,
    /// Several certificates could be meant; the first of them was taken.
    First,
}

/// `items` without repeated certificates (same DER), first copies kept in order, and a
/// warning for each certificate that was repeated.
pub(crate) fn distinct<T>(items: Vec<T>, der: impl Fn(&T) -> &[u8]) -> (Vec<T>, Vec<String>) {
    let mut copies: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut kept = Vec::with_capacity(items.len());
    let mut order = Vec::new();
    for item in items {
        let key = der(&item).to_vec();
        match copies.get_mut(&key) {
            Some(count) => *count += 1,
            None => {
                copies.insert(key.clone(), 1);
                order.push(key);
                kept.push(item);
            }
        }
    }
    let warnings = order
        .iter()
        .filter_map(|der| {
            let count = copies[der];
            let thumbprint =
                crate::thumbprint::hex_upper(&crate::thumbprint::Digests::of(der).sha1);
            (count > 1).then(|| {
                format!("the file holds certificate {thumbprint} {count} times; it counts once")
            })
        })
        .collect();
    (kept, warnings)
}

/// Among the certificates `matches` accepts (those of the key), the one valid at `now`, else
/// the one that expires last; on a tie, the first in the file.
pub(crate) fn for_key(
    certs: &[Certificate],
    matches: impl Fn(&Certificate) -> bool,
    now: OffsetDateTime,
) -> Option<usize> {
    certs
        .iter()
        .enumerate()
        .filter(|(_, c)| matches(c))
        .max_by_key(|(i, c)| (valid_at(c, now), c.not_after(), Reverse(*i)))
        .map(|(i, _)| i)
}

fn valid_at(cert: &Certificate, now: OffsetDateTime) -> bool {
    cert.not_before() <= now && now <= cert.not_after()
}

/// The leaf of a file without a key: the certificate that issued none of the others, among
/// several such preferably the one that is not a CA; else the first of the best candidates.
pub(crate) fn without_key(certs: &[Certificate]) -> (usize, LeafReason) {
    if certs.len() <= 1 {
        return (0, LeafReason::Only);
    }
    // A self-issued certificate names itself as issuer: it issued none of the others by that.
    let issuers: HashSet<&str> = certs
        .iter()
        .filter(|o| !o.is_self_issued())
        .map(|o| o.issuer())
        .collect();
    let ends: Vec<usize> = (0..certs.len())
        .filter(|&i| !issuers.contains(certs[i].subject()))
        .collect();
    let not_ca: Vec<usize> = ends
        .iter()
        .copied()
        .filter(|&i| !certs[i].is_ca())
        .collect();
    match (ends.as_slice(), not_ca.as_slice()) {
        ([only], _) | (_, [only]) => (*only, LeafReason::Chain),
        (_, [first, ..]) | ([first, ..], []) => (*first, LeafReason::First),
        ([], []) => (0, LeafReason::First),
    }
}

/// The warning for a guessed leaf, naming what was taken and how to choose another.
pub(crate) fn guess_warning(certs: &[Certificate], leaf: usize) -> String {
    let chosen = &certs[leaf];
    format!(
        "the file holds {} certificates that are not one chain, and no private key: using {} \
         ({}), the first that issued none of the others; to use another, give a file with only \
         that certificate (or with its private key)",
        certs.len(),
        chosen.subject(),
        chosen.thumbprint()
    )
}

#[cfg(test)]
#[path = "input_leaf_tests.rs"]
mod tests;
