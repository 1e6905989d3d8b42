//! Tests of framing: every record comes out whole, once, with its line, whatever the read sizes.

use super::*;
use std::io::BufReader;

/// All records of `input` read through a buffer of `cap` bytes, and the frame stats.
fn frame(input: &[u8], framing: Framing, cap: usize) -> (Vec<(u64, String)>, FrameStats, usize) {
    let mut f = Framer::new(BufReader::with_capacity(cap, input), framing).with_read_size(cap);
    let (mut out, mut batches) = (Vec::new(), 0);
    while let Some(b) = f.next_batch() {
        batches += 1;
        for r in &b.records {
            // Long records are shown by their start and length: a failed assertion stays readable.
            let text = String::from_utf8_lossy(b.bytes(r));
            let shown =
                if text.len() > 200 { format!("{}… ({} bytes)", &text[..40], text.len()) } else { text.into() };
            out.push((r.line, shown));
        }
    }
    (out, f.stats, batches)
}

fn recs(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(l, s)| (*l, (*s).to_string())).collect()
}

#[test]
fn lines_split_at_any_read_size() {
    let input = b"a\r\nb\n\n{\"x\":1}\nlast";
    for cap in [1, 2, 3, 7, 64, 8192] {
        let (out, stats, _) = frame(input, Framing::Lines, cap);
        assert_eq!(out, recs(&[(1, "a"), (2, "b"), (3, ""), (4, "{\"x\":1}"), (5, "last")]), "cap {cap}");
        assert_eq!((stats.lines, stats.unterminated), (5, Some(5)), "cap {cap}");
    }
    let (out, stats, _) = frame(b"one\ntwo\n", Framing::Lines, 4);
    assert_eq!((out.len(), stats.lines, stats.unterminated), (2, 2, None));
}

#[test]
fn overlong_lines_are_skipped_without_being_buffered() {
    let mut input = b"first\n".to_vec();
    input.extend(std::iter::repeat_n(b'x', MAX_RECORD + 10));
    input.extend_from_slice(b"\nthird\n");
    input.extend(std::iter::repeat_n(0u8, MAX_RECORD * 2));
    input.extend_from_slice(b"\nfifth\n");
    let (out, stats, _) = frame(&input, Framing::Lines, 64 << 10);
    assert_eq!(out, recs(&[(1, "first"), (3, "third"), (5, "fifth")]));
    assert_eq!(stats.lines, 5);
    assert_eq!(stats.skipped, 2);
    let s = &stats.skipped_samples;
    assert_eq!((s[0].line, s[0].bytes, s[0].nul), (2, (MAX_RECORD + 10) as u64, false));
    assert_eq!((s[1].line, s[1].bytes, s[1].nul), (4, (MAX_RECORD * 2) as u64, true));
}

#[test]
fn many_lines_make_several_batches_in_order() {
    let input: String = (0..200_000).map(|i| format!("{{\"seq\":{i}}}\n")).collect();
    let (out, stats, batches) = frame(input.as_bytes(), Framing::Lines, 256 << 10);
    assert!(batches > 1, "{batches}");
    assert_eq!(out.len(), 200_000);
    assert!(out.iter().enumerate().all(|(i, (l, s))| *l == i as u64 + 1 && *s == format!("{{\"seq\":{i}}}")));
    assert_eq!(stats.lines, 200_000);
}

#[test]
fn cloudtrail_containers_yield_their_records() {
    let one_line = br#"{"Records":[{"eventName":"A","x":"a \"quoted]} brace"},{"eventName":"B","n":[1,{"y":2}]}]}"#;
    let want =
        recs(&[(1, r#"{"eventName":"A","x":"a \"quoted]} brace"}"#), (1, r#"{"eventName":"B","n":[1,{"y":2}]}"#)]);
    for cap in [1, 5, 13, 4096] {
        let (out, stats, _) = frame(one_line, Framing::JsonStream, cap);
        assert_eq!(out, want, "cap {cap}");
        assert_eq!((stats.lines, stats.skipped, stats.stray_count, stats.unterminated), (1, 0, 0, None));
    }
    let pretty =
        b"{\n  \"Records\": [\n    {\n      \"eventName\": \"A\"\n    },\n    {\"eventName\": \"B\"}\n  ]\n}\n";
    let (out, stats, _) = frame(pretty, Framing::JsonStream, 3);
    assert_eq!(out, recs(&[(3, "{\n      \"eventName\": \"A\"\n    }"), (6, "{\"eventName\": \"B\"}")]));
    assert_eq!(stats.lines, 8);
}

#[test]
fn event_lists_arrays_and_concatenated_objects() {
    let list = br#"{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[{"verb":"get"},{"verb":"list"}]}"#;
    assert_eq!(frame(list, Framing::JsonStream, 7).0, recs(&[(1, r#"{"verb":"get"}"#), (1, r#"{"verb":"list"}"#)]));
    let array = b"[\n {\"eventType\": \"user.session.start\"},\n {\"eventType\": \"x\"}, 5, \"s\"\n]";
    assert_eq!(
        frame(array, Framing::JsonStream, 4).0,
        recs(&[(2, "{\"eventType\": \"user.session.start\"}"), (3, "{\"eventType\": \"x\"}"), (3, "5"), (3, "\"s\"")])
    );
    // `jq .` output: pretty-printed objects one after another, and one that is not a container.
    let stream = b"{\n \"a\": [1]\n}\n{\n \"b\": {\"items\": [2]}\n}\n";
    assert_eq!(
        frame(stream, Framing::JsonStream, 2).0,
        recs(&[(1, "{\n \"a\": [1]\n}"), (4, "{\n \"b\": {\"items\": [2]}\n}")])
    );
}

#[test]
fn truncated_streams_and_stray_text_are_noted() {
    let cut = br#"{"Records":[{"eventName":"A"},{"eventName":"B","#;
    let (out, stats, _) = frame(cut, Framing::JsonStream, 8);
    assert_eq!(out, recs(&[(1, r#"{"eventName":"A"}"#), (1, r#"{"eventName":"B","#)]));
    assert_eq!(stats.unterminated, Some(1));
    let stray = b"garbage line [\n{\"a\":1}\n\0\0\n{\"b\":2}\n";
    let (out, stats, _) = frame(stray, Framing::JsonStream, 8);
    assert_eq!(out, recs(&[(2, "{\"a\":1}"), (4, "{\"b\":2}")]));
    assert_eq!((stats.stray_count, stats.stray.clone()), (2, vec![1, 3]));
}

#[test]
fn oversized_container_records_are_skipped() {
    let mut input = br#"{"Records":[{"a":1},{"big":""#.to_vec();
    input.extend(std::iter::repeat_n(b'z', MAX_RECORD + 1));
    input.extend_from_slice(br#""},{"b":2}]}"#);
    let (out, stats, _) = frame(&input, Framing::JsonStream, 64 << 10);
    assert_eq!(out, recs(&[(1, r#"{"a":1}"#), (1, r#"{"b":2}"#)]));
    assert_eq!(stats.skipped, 1);
    assert!(stats.skipped_samples[0].bytes > MAX_RECORD as u64);
}

#[test]
fn framing_is_chosen_from_the_head() {
    assert_eq!(framing_for(b"{\"Records\":[{}]}"), Framing::JsonStream);
    assert_eq!(framing_for(b"\xef\xbb\xbf  { \"Records\" : ["), Framing::JsonStream);
    assert_eq!(framing_for(b"{\n  \"eventVersion\": \"1.08\""), Framing::JsonStream);
    assert_eq!(framing_for(b"[{\"actor\":{}}]"), Framing::JsonStream);
    assert_eq!(
        framing_for(b"{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":[]}"),
        Framing::JsonStream
    );
    assert_eq!(framing_for(b"{\"kind\":\"Event\",\"verb\":\"get\"}\n{\"kind\":\"Event\"}\n"), Framing::Lines);
    assert_eq!(framing_for(b"Mar  3 10:15:01 web1 sshd[1]: x"), Framing::Lines);
}

#[test]
fn csv_records_continue_across_quoted_newlines() {
    let input = b"a,\"one\nline\",x\nb,\"say \"\"hi\"\"\",y\r\nc,\"cut off\nhere";
    for cap in [1, 3, 7, 4096] {
        let (out, stats, _) = frame(input, Framing::Csv, cap);
        assert_eq!(
            out,
            recs(&[(1, "a,\"one\nline\",x"), (3, "b,\"say \"\"hi\"\"\",y"), (4, "c,\"cut off\nhere")]),
            "cap {cap}"
        );
        assert_eq!((stats.lines, stats.unterminated), (5, Some(4)), "cap {cap}");
    }
}
