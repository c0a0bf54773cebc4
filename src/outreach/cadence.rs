//! How often to follow up, per stage: days after entering the stage with no change, each step
//! able to name the template its message uses. The default is that of the pipeline's first
//! years: a contacted creator is followed up after 3 and 7 days, and after 14 `no_reply` is
//! suggested. `[follow_up]` in config.toml sets it per stage:
//! `contacted = [3, { days = 7, template = "reminder-en" }, 14]`, `negotiating = [5]`.

use crate::model::Stage;

/// One step of a stage's cadence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Days after entering the stage.
    pub days: i64,
    /// The template its follow-up uses (else the one of the follow-up kind).
    pub template: Option<String>,
}

/// The follow-up steps of each stage that has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cadence {
    pub stages: Vec<(Stage, Vec<Step>)>,
}

impl Default for Cadence {
    fn default() -> Cadence {
        let step = |days| Step {
            days,
            template: None,
        };
        Cadence {
            stages: vec![(
                Stage::Contacted,
                vec![
                    step(super::follow_up::FIRST_FOLLOW_UP),
                    step(super::follow_up::SECOND_FOLLOW_UP),
                    step(super::follow_up::GIVE_UP),
                ],
            )],
        }
    }
}

impl Cadence {
    /// The steps of `stage`, oldest first; none for a stage with no follow-ups.
    pub fn steps(&self, stage: Stage) -> &[Step] {
        self.stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(&[], |(_, steps)| steps.as_slice())
    }

    /// Sets the steps of `stage` (days sorted; an empty list means no follow-ups there).
    pub fn set(&mut self, stage: Stage, mut steps: Vec<Step>) {
        steps.sort_by_key(|s| s.days);
        self.stages.retain(|(s, _)| *s != stage);
        self.stages.push((stage, steps));
    }
}
