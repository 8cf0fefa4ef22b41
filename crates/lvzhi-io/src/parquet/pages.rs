//! Text columns whose data pages are all dictionary-encoded, decoded from
//! their pages straight into keys and values ([`Keyed`]).
//!
//! arrow-rs's reader gives the same as a `DictionaryArray`, but on the way
//! it zeroes a batch's worth of keys for each page, pads nulls into a
//! nullable column that has none, and decodes the keys through a general
//! level and value machinery: 23 % of a province's instructions went to
//! its dictionary columns. Here a page's keys are unpacked into the
//! column's own buffer, and the dictionary page becomes the values as it
//! is read. A `DictionaryArray` is not built: its only safe constructor
//! compares every key with the dictionary's length one by one (6 % of the
//! province's instructions); each key is checked as it is unpacked.
//!
//! Only flat text columns (no repetition, at most one level of nulls) are
//! taken. Anything this module does not expect is an `Err`, and the caller
//! reads the row group with arrow-rs instead, whose errors are the ones
//! reported.

use std::fs::File;
use std::sync::Arc;

use arrow_array::{Array, StringArray};
use arrow_buffer::bit_chunk_iterator::BitChunks;
use arrow_buffer::{BooleanBufferBuilder, Buffer, OffsetBuffer, ScalarBuffer};
use parquet::basic::{Encoding, Type as PhysicalType};
use parquet::column::page::{Page, PageReader};
use parquet::file::metadata::ColumnChunkMetaData;
use parquet::file::serialized_reader::SerializedPageReader;

/// Why a column chunk was not decoded here (the caller falls back).
pub(super) type Unexpected = String;

/// Whether [`read`] can take this column chunk: a flat text column.
pub(super) fn readable(column: &ColumnChunkMetaData) -> bool {
    let descr = column.column_descr();
    descr.max_rep_level() == 0
        && descr.max_def_level() <= 1
        && descr.physical_type() == PhysicalType::BYTE_ARRAY
}

/// A text column as keys into its distinct values.
#[derive(Clone, Debug)]
pub(super) struct Keyed {
    /// Each row's key: an index of `values`, or `values.len()` for an
    /// empty cell (the slot the scan's lookup tables keep for one, so that
    /// no validity bitmap is read row by row).
    pub(super) keys: ScalarBuffer<i32>,
    pub(super) values: Arc<StringArray>,
    /// Whether any row of the column chunk (not only of a slice) is empty.
    pub(super) has_nulls: bool,
}

impl Keyed {
    /// Rows `offset..offset + len`, sharing the buffers.
    pub(super) fn slice(&self, offset: usize, len: usize) -> Keyed {
        Keyed { keys: self.keys.slice(offset, len), values: self.values.clone(), has_nulls: self.has_nulls }
    }
}

/// The column chunk `column` of `file`, `rows` rows, as keys (one per
/// row) into values (the dictionary page).
pub(super) fn read(file: Arc<File>, column: &ColumnChunkMetaData, rows: usize) -> Result<Keyed, Unexpected> {
    let nullable = column.column_descr().max_def_level() == 1;
    let mut pages = SerializedPageReader::new(file, column, rows, None).map_err(|e| e.to_string())?;
    let mut dictionary: Option<StringArray> = None;
    let mut keys = Keys { keys: Vec::with_capacity(rows), has_nulls: false };
    let null = |dictionary: &Option<StringArray>| match dictionary {
        Some(d) => i32::try_from(d.len()).map_err(|_| "a dictionary of over 2^31 values".to_string()),
        None => Err("a data page before the dictionary page".to_string()),
    };
    while let Some(page) = pages.get_next_page().map_err(|e| e.to_string())? {
        match page {
            Page::DictionaryPage { buf, num_values, encoding, .. } => {
                if dictionary.is_some() || !matches!(encoding, Encoding::PLAIN | Encoding::PLAIN_DICTIONARY) {
                    return Err(format!("a second dictionary page, or one encoded {encoding}"));
                }
                dictionary = Some(values(&buf, num_values as usize)?);
            }
            Page::DataPage { buf, num_values, encoding, def_level_encoding, .. } => {
                let (levels, data) = match nullable {
                    false => (None, &buf[..]),
                    true if def_level_encoding == Encoding::RLE => {
                        let (len, rest) =
                            buf.split_first_chunk::<4>().ok_or("a page shorter than its levels")?;
                        let len = u32::from_le_bytes(*len) as usize;
                        (Some(rest.get(..len).ok_or("a page shorter than its levels")?), &rest[len..])
                    }
                    true => return Err(format!("definition levels encoded {def_level_encoding}")),
                };
                keys.page(levels, data, encoding, num_values as usize, null(&dictionary)?)?;
            }
            Page::DataPageV2 {
                buf, num_values, encoding, def_levels_byte_len, rep_levels_byte_len, ..
            } => {
                // Lengths from the file: added as usize, where they cannot overflow.
                let levels_end = def_levels_byte_len as usize + rep_levels_byte_len as usize;
                let levels = buf
                    .get(rep_levels_byte_len as usize..levels_end)
                    .ok_or("a page shorter than its levels")?;
                let data = &buf[levels_end..];
                keys.page(
                    nullable.then_some(levels),
                    data,
                    encoding,
                    num_values as usize,
                    null(&dictionary)?,
                )?;
            }
        }
    }
    if keys.keys.len() != rows {
        return Err(format!("{} values for {rows} rows", keys.keys.len()));
    }
    let values = dictionary.ok_or("no dictionary page")?;
    Ok(Keyed { keys: ScalarBuffer::from(keys.keys), values: Arc::new(values), has_nulls: keys.has_nulls })
}

/// A dictionary page (PLAIN: a little-endian `u32` length before each
/// value) as a string array; UTF-8 is checked once over all of it.
fn values(page: &[u8], n: usize) -> Result<StringArray, Unexpected> {
    let mut offsets = Vec::with_capacity(n + 1);
    let mut text = Vec::with_capacity(page.len().saturating_sub(4 * n));
    offsets.push(0i32);
    let mut rest = page;
    for _ in 0..n {
        let (len, tail) = rest.split_first_chunk::<4>().ok_or("a dictionary page shorter than its values")?;
        let len = u32::from_le_bytes(*len) as usize;
        text.extend_from_slice(tail.get(..len).ok_or("a dictionary page shorter than its values")?);
        rest = &tail[len..];
        offsets.push(i32::try_from(text.len()).map_err(|_| "a dictionary page over 2 GB")?);
    }
    StringArray::try_new(OffsetBuffer::new(ScalarBuffer::from(offsets)), Buffer::from_vec(text), None)
        .map_err(|e| e.to_string())
}

/// A column's keys so far.
struct Keys {
    keys: Vec<i32>,
    has_nulls: bool,
}

impl Keys {
    /// Adds one data page's `n` rows: `levels` (1 for a value, 0 for a
    /// null) when the column is nullable, then `data`, the keys of the
    /// rows with a value, each less than `null`, a null row's key.
    fn page(
        &mut self,
        levels: Option<&[u8]>,
        data: &[u8],
        encoding: Encoding,
        n: usize,
        null: i32,
    ) -> Result<(), Unexpected> {
        if !matches!(encoding, Encoding::RLE_DICTIONARY | Encoding::PLAIN_DICTIONARY) {
            return Err(format!("a data page encoded {encoding}"));
        }
        let (&width, data) = data.split_first().ok_or("a data page without keys")?;
        let first = self.keys.len();
        let Some(levels) = levels.filter(|l| !all_set(l, n)) else {
            return hybrid(data, width, n, &mut self.keys, null);
        };
        let mut valid = BooleanBufferBuilder::new(n);
        let present = bits(levels, n, &mut valid)?;
        self.has_nulls |= present < n;
        hybrid(data, width, present, &mut self.keys, null)?;
        // The keys of the rows with a value, spread over all rows 64 at a
        // time: nulls come in runs (a kind of activity whose
        // participations have no attendance, say).
        let values = self.keys.split_off(first);
        let mut values = &values[..];
        for (w, word) in BitChunks::new(valid.as_slice(), 0, n).iter_padded().enumerate() {
            let len = (n - 64 * w).min(64);
            match word {
                u64::MAX if len == 64 => {
                    let (these, rest) =
                        values.split_at_checked(64).ok_or("fewer keys than rows with a value")?;
                    self.keys.extend_from_slice(these);
                    values = rest;
                }
                0 => self.keys.resize(self.keys.len() + len, null),
                _ => {
                    for bit in 0..len {
                        let key = match word >> bit & 1 {
                            1 => {
                                let (&key, rest) =
                                    values.split_first().ok_or("fewer keys than rows with a value")?;
                                values = rest;
                                key
                            }
                            _ => null,
                        };
                        self.keys.push(key);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Whether definition levels say all `n` rows have a value: one repeated
/// run of 1s (what a writer gives a page without nulls).
fn all_set(mut levels: &[u8], n: usize) -> bool {
    match uleb128(&mut levels) {
        Ok(header) => header & 1 == 0 && header >> 1 >= n as u64 && levels.first() == Some(&1),
        Err(_) => false,
    }
}

/// Appends `n` one-bit definition levels to `valid` and counts the 1s:
/// a repeated run is a run of equal bits, a bit-packed run already is a
/// validity bitmap.
fn bits(mut levels: &[u8], n: usize, valid: &mut BooleanBufferBuilder) -> Result<usize, Unexpected> {
    let (mut done, mut present) = (0, 0);
    while done < n {
        let header = uleb128(&mut levels)?;
        let run = usize::try_from(header >> 1).map_err(|_| "a run too long")?;
        if header & 1 == 0 {
            let (&bit, rest) = levels.split_first().ok_or("a repeated run without its value")?;
            levels = rest;
            let take = run.min(n - done);
            valid.append_n(take, bit == 1);
            present += if bit == 1 { take } else { 0 };
            done += take;
        } else {
            let take = run.saturating_mul(8).min(n - done);
            let (packed, rest) = levels.split_at(run.min(levels.len()));
            if packed.len() * 8 < take {
                return Err("a bit-packed run shorter than its values".to_string());
            }
            levels = rest;
            valid.append_packed_range(0..take, packed);
            let ones = |b: &u8| b.count_ones() as usize;
            present += packed[..take / 8].iter().map(ones).sum::<usize>();
            present += packed.get(take / 8).map_or(0, |b| ones(&(b & ((1u16 << (take % 8)) - 1) as u8)));
            done += take;
        }
    }
    Ok(present)
}

/// Appends `count` values of Parquet's RLE / bit-packing hybrid encoding
/// (`width` bits each) read from `data`, each a key less than `keys`.
fn hybrid(mut data: &[u8], width: u8, count: usize, out: &mut Vec<i32>, keys: i32) -> Result<(), Unexpected> {
    if width > 32 {
        return Err(format!("keys {width} bits wide"));
    }
    let end = out.len() + count;
    let value_bytes = usize::from(width).div_ceil(8);
    while out.len() < end {
        let header = uleb128(&mut data)?;
        let run = usize::try_from(header >> 1).map_err(|_| "a run too long")?;
        if header & 1 == 0 {
            let (value, rest) =
                data.split_at_checked(value_bytes).ok_or("a repeated run without its value")?;
            data = rest;
            let take = run.min(end - out.len());
            // Little-endian, assembled in a register (bytes copied to the
            // stack and read back as one word stall the core).
            let value = value.iter().rev().fold(0u32, |v, &b| (v << 8) | u32::from(b)) as i32;
            if take > 0 && !(0..keys).contains(&value) {
                return Err(format!("key {value} of a dictionary of {keys}"));
            }
            out.resize(out.len() + take, value);
        } else {
            // Groups of 8 values; a writer may leave the last run short.
            let len = run.checked_mul(usize::from(width)).ok_or("a run too long")?.min(data.len());
            let (packed, rest) = data.split_at(len);
            let take = run.saturating_mul(8).min(end - out.len());
            // The page after the run as well: values are read eight bytes
            // at a time, and the bytes past the run are masked off.
            unpack(packed, data, width, take, out, keys)?;
            data = rest;
        }
    }
    Ok(())
}

/// Parquet's variable-length run header (ULEB128).
fn uleb128(data: &mut &[u8]) -> Result<u64, Unexpected> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = data.split_first().ok_or("a page cut short in a run header")?;
        *data = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("a run header over 64 bits".to_string())
}

/// The first `take` values of `width` bits packed least significant bit
/// first in `packed`, which `page` starts with: whole groups of eight by
/// [`groups`], the rest one by one; each a key less than `keys`.
fn unpack(
    packed: &[u8],
    page: &[u8],
    width: u8,
    take: usize,
    out: &mut Vec<i32>,
    keys: i32,
) -> Result<(), Unexpected> {
    let w = usize::from(width);
    if packed.len() * 8 < take * w {
        return Err("a bit-packed run shorter than its values".to_string());
    }
    let whole = take / 8;
    macro_rules! widths {
        ($($w:literal)*) => {
            match w {
                0 => {
                    out.resize(out.len() + whole * 8, 0);
                    keys > 0 || whole == 0
                }
                $($w => groups::<$w>(page, whole, out, keys),)*
                _ => return Err(format!("keys {width} bits wide")),
            }
        };
    }
    let mut ok =
        widths!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32);
    let mask = (1u64 << w) - 1;
    for i in whole * 8..take {
        let bit = i * w;
        let value = ((word_at(packed, page, bit / 8) >> (bit % 8)) & mask) as i32;
        ok &= (0..keys).contains(&value);
        out.push(value);
    }
    match ok {
        true => Ok(()),
        false => Err(format!("a key not less than {keys}, the dictionary's length")),
    }
}

/// The eight bytes of `page` from `at` as a little-endian word, or, near
/// its end, those of `packed` (which `page` starts with) padded with zeros.
#[inline]
fn word_at(packed: &[u8], page: &[u8], at: usize) -> u64 {
    match page.get(at..at + 8) {
        Some(bytes) => u64::from_le_bytes(bytes.try_into().unwrap_or([0; 8])),
        None => {
            packed.get(at..).unwrap_or_default().iter().take(8).rev().fold(0, |v, &b| (v << 8) | u64::from(b))
        }
    }
}

/// `groups` groups of eight `W`-bit values (`W` bytes each) from the start
/// of `page`: with the width known at compile time, each value is a load,
/// a shift and a mask, written in place. Whether all are keys less than
/// `keys`.
fn groups<const W: usize>(page: &[u8], groups: usize, out: &mut Vec<i32>, keys: i32) -> bool {
    let mask = (1u64 << W) - 1;
    let start = out.len();
    out.resize(start + groups * 8, 0);
    let (dst, _) = out[start..].as_chunks_mut::<8>();
    // Each value read as the eight bytes from its first, straight from the
    // page, while those are inside it (bytes past the run are masked off):
    // copied into a buffer first, a group's bytes were stored narrow and
    // loaded wide, which the core cannot forward: a stall per group, the
    // decoder's hottest instructions in a national year's profile.
    let last_byte = (7 * W) / 8 + 8;
    let direct = match page.len().checked_sub(last_byte) {
        Some(room) => (room / W + 1).min(groups),
        None => 0,
    };
    let (dst_direct, dst_rest) = dst.split_at_mut(direct);
    for (g, d) in dst_direct.iter_mut().enumerate() {
        // One bounds check a group: the offsets within are constants.
        let group = &page[g * W..g * W + last_byte];
        for (j, d) in d.iter_mut().enumerate() {
            let bit = j * W;
            let bytes: [u8; 8] = group[bit / 8..bit / 8 + 8].try_into().unwrap_or([0; 8]);
            *d = ((u64::from_le_bytes(bytes) >> (bit % 8)) & mask) as i32;
        }
    }
    // At the page's end, the bytes assembled one by one.
    let packed = &page[..groups * W];
    for (g, d) in dst_rest.iter_mut().enumerate() {
        for (j, d) in d.iter_mut().enumerate() {
            let bit = (direct + g) * 8 * W + j * W;
            *d = ((word_at(packed, packed, bit / 8) >> (bit % 8)) & mask) as i32;
        }
    }
    // Checked after, in a loop of its own that the compiler vectorises
    // (in the loops above it was a third of the work).
    let limit = u32::try_from(keys).unwrap_or(0);
    !out[start..].iter().fold(false, |bad, &v| bad | (v as u32 >= limit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::RecordBatch;
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::{WriterProperties, WriterVersion};
    use proptest::prelude::*;

    fn keys_of(data: &[u8], width: u8, count: usize) -> Result<Vec<i32>, Unexpected> {
        let mut out = Vec::new();
        hybrid(data, width, count, &mut out, i32::MAX).map(|()| out)
    }

    #[test]
    fn the_formats_own_examples_decode() {
        // Parquet's encoding spec: 0..8 bit-packed three bits wide, one group.
        assert_eq!(keys_of(&[0x03, 0x88, 0xc6, 0xfa], 3, 8), Ok((0..8).collect()));
        // A repeated run: five sevens, the value in one byte.
        assert_eq!(keys_of(&[0x0a, 0x07], 3, 5), Ok(vec![7; 5]));
        // A run longer than what is asked gives only what is asked; then a
        // bit-packed run of 8 twelve-bit values (12 bytes), the last padding.
        let mut data = vec![0x0a, 0x01, 0x00, 0x03];
        data.extend([0xff, 0x0f, 0x10, 0x02, 0x00, 0x00, 0x03, 0x74, 0x00, 0x08, 0x90, 0x00]);
        assert_eq!(keys_of(&data, 12, 10), Ok(vec![1, 1, 1, 1, 1, 4095, 256, 2, 0, 1027]));
        assert_eq!(keys_of(&data, 12, 13), Ok(vec![1, 1, 1, 1, 1, 4095, 256, 2, 0, 1027, 7, 8, 9]));
        // Width 0: one distinct value, no bits at all.
        assert_eq!(keys_of(&[0x03], 0, 6), Ok(vec![0; 6]));
        // A varint header of two bytes: 300 repeats of 9.
        assert_eq!(keys_of(&[0xd8, 0x04, 0x09], 4, 300), Ok(vec![9; 300]));
    }

    #[test]
    fn bit_packed_runs_of_every_width_read_as_a_plain_bit_reader_reads_them() {
        // Values LSB first, `width` bits each, read one bit at a time.
        let plain = |packed: &[u8], width: usize, n: usize| -> Vec<i32> {
            let bit = |i: usize| i32::from(packed[i / 8] >> (i % 8) & 1);
            (0..n).map(|v| (0..width).map(|b| bit(v * width + b) << b).sum()).collect()
        };
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for width in 1..=31usize {
            for groups in [1usize, 2, 3, 5, 17, 64] {
                let bytes: Vec<u8> = (0..groups * width)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        seed as u8
                    })
                    .collect();
                // One bit-packed run of `groups` groups of eight.
                let mut page = vec![];
                let mut header = ((groups as u64) << 1) | 1;
                loop {
                    let byte = (header & 0x7f) as u8;
                    header >>= 7;
                    page.push(if header == 0 { byte } else { byte | 0x80 });
                    if header == 0 {
                        break;
                    }
                }
                page.extend(&bytes);
                let want = plain(&bytes, width, groups * 8);
                let n = groups * 8 - 3;
                for slack in [0, 40] {
                    // More of the page after the run: read along, never used.
                    let mut page = page.clone();
                    page.extend(std::iter::repeat_n(0xff, slack));
                    let all = keys_of(&page, width as u8, groups * 8);
                    assert_eq!(all, Ok(want.clone()), "width {width}, {groups} groups, {slack}");
                    // Fewer values than the run holds: the last group cut short.
                    let some = keys_of(&page, width as u8, n);
                    assert_eq!(some, Ok(want[..n].to_vec()), "width {width}, {n} values, {slack}");
                }
            }
        }
    }

    #[test]
    fn keys_past_the_dictionary_are_refused() {
        let mut out = Vec::new();
        // 0..8 bit-packed: a dictionary of 8 has them all, one of 7 not 7.
        assert!(hybrid(&[0x03, 0x88, 0xc6, 0xfa], 3, 8, &mut out, 8).is_ok());
        assert!(hybrid(&[0x03, 0x88, 0xc6, 0xfa], 3, 8, &mut out, 7).is_err());
        // The same in the values after the whole groups, and in a repeated run.
        assert!(hybrid(&[0x03, 0x88, 0xc6, 0xfa], 3, 7, &mut out, 7).is_ok());
        assert!(hybrid(&[0x0a, 0x07], 3, 5, &mut out, 7).is_err());
        // 32-bit keys that would be negative as i32.
        let mut packed = vec![0x03];
        packed.extend([0xff; 32]);
        assert!(hybrid(&packed, 32, 8, &mut out, i32::MAX).is_err());
        // An empty dictionary has no keys at all, even 0.
        assert!(hybrid(&[0x03], 0, 8, &mut out, 0).is_err());
        assert!(hybrid(&[0x0a], 0, 5, &mut out, 0).is_err());
    }

    #[test]
    fn run_headers_of_any_size_are_refused_without_overflow() {
        // A bit-packed run of 2^62 groups: more than any page holds.
        let huge = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];
        assert!(keys_of(&huge, 3, 8).is_err());
        let mut valid = BooleanBufferBuilder::new(8);
        assert!(bits(&huge, 8, &mut valid).is_err());
    }

    #[test]
    fn short_or_strange_pages_are_refused_not_guessed() {
        assert!(keys_of(&[], 3, 1).is_err());
        assert!(keys_of(&[0x0a], 3, 5).is_err());
        assert!(keys_of(&[0x03, 0x88], 3, 8).is_err());
        assert!(keys_of(&[0x03, 0x88, 0xc6, 0xfa], 33, 8).is_err());
        assert!(keys_of(&[0xff; 11], 3, 1).is_err());
        assert!(values(&[5, 0, 0, 0, b'a'], 1).is_err());
        assert!(values(&[2, 0, 0, 0, 0xc3, 0x28], 1).is_err());
        assert_eq!(
            values(&[1, 0, 0, 0, b'a', 0, 0, 0, 0], 2).map(|v| v.value(1).to_string()),
            Ok(String::new())
        );
    }

    type Cells = Vec<Option<String>>;

    /// A column of `cells` written by arrow-rs with `props` and read back
    /// both ways, row group by row group: (this module's, arrow-rs's).
    fn both_ways(cells: &[Option<String>], nullable: bool, props: WriterProperties) -> Vec<(Cells, Cells)> {
        let schema = Arc::new(Schema::new(vec![Field::new("id", DataType::Utf8, nullable)]));
        let column = Arc::new(StringArray::from(cells.to_vec()));
        let batch = RecordBatch::try_new(schema.clone(), vec![column]).unwrap();
        let file = tempfile::tempfile().unwrap();
        let mut writer = ArrowWriter::try_new(file.try_clone().unwrap(), schema, Some(props)).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file.try_clone().unwrap()).unwrap();
        let meta = builder.metadata().clone();
        let file = Arc::new(file);
        // arrow-rs reads the column as plain strings (its stored schema).
        let text = |a: &dyn Array| -> Vec<Option<String>> {
            a.as_string::<i32>().iter().map(|v| v.map(str::to_string)).collect()
        };
        let mut arrow = builder
            .build()
            .unwrap()
            .flat_map(|b| text(b.unwrap().column(0).as_ref()))
            .collect::<Vec<_>>()
            .into_iter();
        meta.row_groups()
            .iter()
            .map(|g| {
                let rows = g.num_rows() as usize;
                let keyed = read(file.clone(), g.column(0), rows).expect("a dictionary-encoded chunk");
                let ours: Cells = (0..rows)
                    .map(|i| {
                        let k = keyed.keys[i] as usize;
                        assert!(k <= keyed.values.len(), "key {k} of {} values", keyed.values.len());
                        (k < keyed.values.len()).then(|| keyed.values.value(k).to_string())
                    })
                    .collect();
                assert_eq!(keyed.has_nulls, ours.iter().any(Option::is_none), "has_nulls");
                (ours, arrow.by_ref().take(rows).collect())
            })
            .collect()
    }

    #[test]
    fn pages_of_nulls_only_and_of_no_nulls_read_as_arrow_reads_them() {
        let cells: Vec<Option<String>> = (0..9000)
            .map(|i| match i {
                0..3000 => None,
                3000..6000 => Some(format!("M{}", i % 7)),
                _ => (i % 3 != 0).then(|| format!("M{}", i % 300)),
            })
            .collect();
        let props = WriterProperties::builder()
            .set_data_page_row_count_limit(1000)
            .set_write_batch_size(1000)
            .build();
        let groups = both_ways(&cells, true, props);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].0, cells);
        assert_eq!(groups[0].1, cells);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Every row of every row group reads as arrow-rs reads it: any
        /// number of distinct values (so any key width), nulls or none,
        /// small and large pages, format v1 and v2 pages, compressed or not.
        #[test]
        fn columns_read_as_arrow_reads_them(
            distinct in prop_oneof![Just(1usize), 2usize..40, 200usize..5000],
            picks in proptest::collection::vec((any::<u32>(), 0u8..10), 1..6000),
            nulls in any::<bool>(),
            page_rows in prop_oneof![Just(20_000usize), 7usize..500],
            group_rows in prop_oneof![Just(1usize << 20), 100usize..3000],
            v2 in any::<bool>(),
            snappy in any::<bool>(),
        ) {
            let cells: Vec<Option<String>> = picks
                .iter()
                .map(|&(k, n)| (!(nulls && n == 0)).then(|| format!("委员-{:05}", k as usize % distinct)))
                .collect();
            let props = WriterProperties::builder()
                .set_dictionary_enabled(true)
                .set_dictionary_page_size_limit(1 << 24)
                .set_data_page_row_count_limit(page_rows)
                .set_write_batch_size(page_rows.min(1024))
                .set_max_row_group_row_count(Some(group_rows))
                .set_writer_version(if v2 { WriterVersion::PARQUET_2_0 } else { WriterVersion::PARQUET_1_0 })
                .set_compression(if snappy { Compression::SNAPPY } else { Compression::UNCOMPRESSED })
                .build();
            let groups = both_ways(&cells, nulls, props);
            prop_assert_eq!(groups.iter().map(|(ours, _)| ours.len()).sum::<usize>(), cells.len());
            for (ours, arrow) in groups {
                prop_assert_eq!(ours, arrow);
            }
        }
    }
}
