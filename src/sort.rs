//! One stable sort for the whole crate. `slice::sort_by` is generic over the element and the
//! comparison, so every call site used to bring its own copy of the standard library's stable sort
//! (~4 KB of wasm each). These helpers sort a list of indices instead, through a single copy, then
//! move the elements into that order. The result is exactly that of `sort_by` / `sort_by_key`:
//! stable, so equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, exactly as `v.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    apply(v, order);
}

/// Sorts `v` in ascending order, exactly as `v.sort()` does (and, since equal elements of a total
/// order cannot be told apart, as `v.sort_unstable()` does).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` stably by `key`, exactly as `v.sort_by_key(key)` does.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in stable sorted order: `order[k]` is the index of the k-th smallest.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| cmp(i, j));
    order
}

/// Rearranges `v` so that position `k` holds the element that was at `order[k]`, one cycle of the
/// permutation at a time (linear time, no copies). `order` must be a permutation of `0..v.len()`;
/// each placed position is marked by setting its entry to itself.
fn apply<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        loop {
            let from = order[k];
            order[k] = k;
            if from == start {
                break; // the cycle is closed: `v[start]`'s element has reached `k`
            }
            v.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permutation of `0..n`, by Heap's algorithm.
    fn permutations(n: usize) -> Vec<Vec<usize>> {
        fn go(k: usize, a: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            if k <= 1 {
                out.push(a.clone());
                return;
            }
            for i in 0..k {
                go(k - 1, a, out);
                let j = if k.is_multiple_of(2) { i } else { 0 };
                a.swap(j, k - 1);
            }
        }
        let mut out = Vec::new();
        go(n, &mut (0..n).collect(), &mut out);
        out
    }

    #[test]
    fn apply_realises_every_permutation() {
        for n in 0..=6 {
            for order in permutations(n) {
                let mut v: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
                let want: Vec<String> = order.iter().map(|&i| v[i].clone()).collect();
                apply(&mut v, order);
                assert_eq!(v, want);
            }
        }
    }

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Keys with many ties, tagged with their original position to see stability.
        for n in 0..=7 {
            for p in permutations(n) {
                let items: Vec<(usize, usize)> = p.iter().enumerate().map(|(i, &k)| (k % 3, i)).collect();
                let (mut ours, mut std_sorted) = (items.clone(), items.clone());
                sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
                std_sorted.sort_by_key(|x| std::cmp::Reverse(x.0));
                assert_eq!(ours, std_sorted);
                let (mut ours, mut std_sorted) = (items.clone(), items);
                sort_by_key(&mut ours, |x| x.0);
                std_sorted.sort_by_key(|x| x.0);
                assert_eq!(ours, std_sorted);
            }
        }
    }
}
