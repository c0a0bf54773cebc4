//! Columns to and from bytes: a length, then the values in little-endian order.

use std::io::{self, Read, Write};

use compact_str::CompactString;

use super::{Arena, DecodeError};

pub(super) struct Writer<W: Write>(pub(super) W);

impl<W: Write> Writer<W> {
    pub(super) fn len(&mut self, n: usize) -> io::Result<()> {
        self.0.write_all(&(n as u64).to_le_bytes())
    }
    pub(super) fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.len(b.len())?;
        self.0.write_all(b)
    }
    pub(super) fn u32s(&mut self, v: &[u32]) -> io::Result<()> {
        self.len(v.len())?;
        v.iter()
            .try_for_each(|x| self.0.write_all(&x.to_le_bytes()))
    }
    pub(super) fn u64s(&mut self, v: &[u64]) -> io::Result<()> {
        self.len(v.len())?;
        v.iter()
            .try_for_each(|x| self.0.write_all(&x.to_le_bytes()))
    }
    pub(super) fn f64s(&mut self, v: &[f64]) -> io::Result<()> {
        self.len(v.len())?;
        v.iter()
            .try_for_each(|x| self.0.write_all(&x.to_bits().to_le_bytes()))
    }
    pub(super) fn arena(&mut self, a: &Arena) -> io::Result<()> {
        self.bytes(a.text.as_bytes())?;
        self.u32s(&a.at)
    }
    pub(super) fn strings(&mut self, v: &[CompactString]) -> io::Result<()> {
        let mut a = Arena::default();
        for s in v {
            a.push(s);
        }
        self.len(v.len())?;
        self.arena(&a)
    }
    pub(super) fn pairs(&mut self, v: &[(CompactString, CompactString)]) -> io::Result<()> {
        let (first, second): (Vec<_>, Vec<_>) = v.iter().cloned().unzip();
        self.strings(&first)?;
        self.strings(&second)
    }
}

/// Reads columns straight into vectors of their final size. A length is trusted for allocation
/// only as far as the bytes left in the input can hold it, so damaged input fails at once
/// instead of asking for an absurd amount of memory, and a whole column is never copied as its
/// vector grows.
pub(super) struct Reader<'r> {
    pub(super) input: &'r mut dyn Read,
    /// Bytes the input still holds at most.
    pub(super) left: u64,
}

impl Reader<'_> {
    pub(super) fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), DecodeError> {
        let n = buf.len() as u64;
        if n > self.left {
            return Err(DecodeError);
        }
        self.input.read_exact(buf).map_err(|_| DecodeError)?;
        self.left -= n;
        Ok(())
    }
    pub(super) fn len(&mut self) -> Result<usize, DecodeError> {
        let mut b = [0; 8];
        self.read_exact(&mut b)?;
        usize::try_from(u64::from_le_bytes(b)).map_err(|_| DecodeError)
    }
    pub(super) fn array<const N: usize, T>(
        &mut self,
        f: impl Fn([u8; N]) -> T,
    ) -> Result<Vec<T>, DecodeError> {
        let n = self.len()?;
        if (n as u64).saturating_mul(N as u64) > self.left {
            return Err(DecodeError);
        }
        let mut out = Vec::new();
        out.try_reserve_exact(n).map_err(|_| DecodeError)?;
        let mut buf = [0u8; 1 << 16];
        let per = buf.len() / N;
        let mut left = n;
        while left > 0 {
            let take = left.min(per);
            let chunk = &mut buf[..take * N];
            self.read_exact(chunk)?;
            out.extend(
                chunk
                    .chunks_exact(N)
                    .map(|c| f(c.try_into().unwrap_or([0; N]))),
            );
            left -= take;
        }
        Ok(out)
    }
    pub(super) fn bytes(&mut self) -> Result<Vec<u8>, DecodeError> {
        let n = self.len()?;
        if n as u64 > self.left {
            return Err(DecodeError);
        }
        let mut out = Vec::new();
        out.try_reserve_exact(n).map_err(|_| DecodeError)?;
        let got = (&mut self.input)
            .take(n as u64)
            .read_to_end(&mut out)
            .map_err(|_| DecodeError)?;
        if got != n {
            return Err(DecodeError);
        }
        self.left -= n as u64;
        Ok(out)
    }
    pub(super) fn u32s(&mut self) -> Result<Vec<u32>, DecodeError> {
        self.array(u32::from_le_bytes)
    }
    pub(super) fn u64s(&mut self) -> Result<Vec<u64>, DecodeError> {
        self.array(u64::from_le_bytes)
    }
    pub(super) fn f64s(&mut self) -> Result<Vec<f64>, DecodeError> {
        self.array(|b| f64::from_bits(u64::from_le_bytes(b)))
    }
    pub(super) fn arena(&mut self) -> Result<Arena, DecodeError> {
        let text = String::from_utf8(self.bytes()?).map_err(|_| DecodeError)?;
        let at = self.u32s()?;
        let arena = Arena { text, at };
        if arena.valid() {
            Ok(arena)
        } else {
            Err(DecodeError)
        }
    }
    pub(super) fn strings(&mut self) -> Result<Vec<CompactString>, DecodeError> {
        let n = self.len()?;
        let a = self.arena()?;
        if a.len() != n {
            return Err(DecodeError);
        }
        Ok((0..n).map(|i| CompactString::from(a.get(i))).collect())
    }
    pub(super) fn pairs(&mut self) -> Result<Vec<(CompactString, CompactString)>, DecodeError> {
        let first = self.strings()?;
        let second = self.strings()?;
        if first.len() != second.len() {
            return Err(DecodeError);
        }
        Ok(first.into_iter().zip(second).collect())
    }
}
