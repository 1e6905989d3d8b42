//! Geometry of the summary chart: one horizontal bar per pillar and cross-cutting capability,
//! measured in stages. Computed here so the template only places numbers; readable in grayscale
//! (demonstrated is solid, potential is hatched, every bar is also labelled in words).

use crate::model::Stage;
use crate::score::PillarScore;
use serde::Serialize;

const WIDTH: u32 = 700;
const LABEL_W: u32 = 180;
const COL_W: u32 = 80;
const ROW_H: u32 = 26;
const BAR_H: u32 = 14;
const TOP: u32 = 26;
const GROUP_GAP: u32 = 24;

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub plot_x: u32,
    pub plot_w: u32,
    pub label_x: u32,
    pub stage_x: u32,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Where the cross-cutting group's caption goes (y), if any row is cross-cutting.
    pub group_y: Option<u32>,
    /// A text alternative for screen readers and the SVG `<desc>`.
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub x: u32,
    pub center: u32,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub cross_cutting: bool,
    pub assessed: bool,
    /// Top of the row's bar and the baseline of its texts.
    pub y: u32,
    pub text_y: u32,
    pub bar_h: u32,
    /// Width of the solid (demonstrated) bar; 0 when not assessed.
    pub demo_w: u32,
    /// Start and width of the hatched extension up to the potential stage; width 0 when none.
    pub pot_x: u32,
    pub pot_w: u32,
    /// "Initial", "Initial (up to Advanced)", "Not assessed"; `*` marks partial coverage.
    pub stage_text: String,
}

fn width_of(s: Option<Stage>) -> u32 {
    s.map_or(0, |s| (u32::from(s.rank()) + 1) * COL_W)
}

/// Lay out the chart for `pillars` (catalog order: pillars, then cross-cutting capabilities).
pub fn chart(pillars: &[PillarScore]) -> Chart {
    let plot_x = LABEL_W;
    let plot_w = COL_W * 4;
    let columns = Stage::ALL
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let x = plot_x + COL_W * u32::try_from(i).unwrap_or(0);
            Column { x, center: x + COL_W / 2, label: s.label().to_string() }
        })
        .collect();
    let mut rows = Vec::new();
    let mut y = TOP;
    let mut group_y = None;
    let mut description = Vec::new();
    for (i, p) in pillars.iter().enumerate() {
        let cross = p.kind == "cross-cutting";
        if cross && group_y.is_none() && i > 0 {
            group_y = Some(y + GROUP_GAP / 2 + 2);
            y += GROUP_GAP;
        }
        let demo_w = if p.assessed { width_of(p.stage) } else { 0 };
        let pot_w = width_of(p.potential).saturating_sub(demo_w);
        let mut stage_text = match (p.assessed, p.stage, p.potential) {
            (true, Some(s), Some(u)) if u > s => format!("{} (up to {})", s.label(), u.label()),
            (true, Some(s), _) => s.label().to_string(),
            (_, _, Some(u)) => format!("Not assessed (up to {})", u.label()),
            _ => "Not assessed".to_string(),
        };
        if p.insufficient_coverage {
            stage_text.push('*');
        }
        description.push(format!("{}: {stage_text}", p.name));
        rows.push(Row {
            id: p.id.id().to_string(),
            name: p.name.clone(),
            cross_cutting: cross,
            assessed: p.assessed,
            y: y + (ROW_H - BAR_H) / 2,
            text_y: y + ROW_H / 2 + 4,
            bar_h: BAR_H,
            demo_w,
            pot_x: plot_x + demo_w,
            pot_w,
            stage_text,
        });
        y += ROW_H;
    }
    Chart {
        width: WIDTH,
        height: y + 6,
        plot_x,
        plot_w,
        label_x: plot_x - 8,
        stage_x: plot_x + plot_w + 8,
        columns,
        rows,
        group_y,
        description: format!("Demonstrated stage by pillar and capability. {}.", description.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pillar;

    fn pillar(id: Pillar, stage: Option<Stage>, potential: Option<Stage>) -> PillarScore {
        PillarScore {
            id,
            name: id.name().into(),
            kind: if id.is_cross_cutting() { "cross-cutting".into() } else { "pillar".into() },
            assessed: stage.is_some(),
            stage,
            potential,
            coverage: 1.0,
            insufficient_coverage: false,
            functions: Vec::new(),
        }
    }

    #[test]
    fn bars_measure_stages_and_hatch_the_potential() {
        let c = chart(&[
            pillar(Pillar::Identity, Some(Stage::Initial), Some(Stage::Advanced)),
            pillar(Pillar::Devices, None, Some(Stage::Initial)),
            pillar(Pillar::Visibility, Some(Stage::Optimal), Some(Stage::Optimal)),
        ]);
        let [id, dev, vis] = &c.rows[..] else { panic!("three rows") };
        assert_eq!((id.demo_w, id.pot_x, id.pot_w), (2 * COL_W, c.plot_x + 2 * COL_W, COL_W));
        assert_eq!(id.stage_text, "Initial (up to Advanced)");
        assert_eq!((dev.demo_w, dev.pot_w), (0, 2 * COL_W));
        assert_eq!(dev.stage_text, "Not assessed (up to Initial)");
        assert_eq!((vis.demo_w, vis.pot_w), (4 * COL_W, 0));
        assert!(vis.y > dev.y + ROW_H, "a gap before the cross-cutting group");
        assert!(c.group_y.is_some());
        assert!(c.description.contains("Identity: Initial (up to Advanced)"));
    }
}
