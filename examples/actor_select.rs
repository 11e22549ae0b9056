//! One actor, two handle types, two channels: a thermostat that takes readings from
//! sensors and commands from a control panel, and waits on both with
//! `tokio::select!`. Run it: `cargo run --example actor_select`

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: handles
/// What the control panel may ask.
pub enum Command {
    SetTarget(i32),
    Report { reply: oneshot::Sender<Report> },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Report {
    pub target: i32,
    pub last_reading: Option<i32>,
    pub readings: u64,
    /// Turns of the actor's loop: one per message handled.
    pub turns: u64,
}

/// Sensors may only report readings: this handle has no way to send a command.
#[derive(Clone)]
pub struct SensorHandle {
    readings: mpsc::Sender<i32>,
}

/// The control panel may set the target and ask for a report, but not fake a reading.
#[derive(Clone)]
pub struct PanelHandle {
    commands: mpsc::Sender<Command>,
}

impl SensorHandle {
    pub async fn reading(&self, celsius: i32) {
        let _ = self.readings.send(celsius).await;
    }
}

impl PanelHandle {
    pub async fn set_target(&self, celsius: i32) {
        let _ = self.commands.send(Command::SetTarget(celsius)).await;
    }

    pub async fn report(&self) -> Report {
        let (reply, answer) = oneshot::channel();
        let _ = self.commands.send(Command::Report { reply }).await;
        answer.await.expect("the thermostat has stopped")
    }
}
// ANCHOR_END: handles

// ANCHOR: select
/// The actor's loop. A `Some(…)` pattern on each branch disables a branch once its
/// channel is closed (its `recv` would return `None` at once, forever); `else` runs
/// when every branch is disabled, that is, when both channels are closed.
async fn regulate(mut commands: mpsc::Receiver<Command>, mut readings: mpsc::Receiver<i32>) -> Report {
    let mut state = Report { target: 20, last_reading: None, readings: 0, turns: 0 };
    loop {
        tokio::select! {
            Some(command) = commands.recv() => match command {
                Command::SetTarget(t) => state.target = t,
                Command::Report { reply } => drop(reply.send(state)),
            },
            Some(celsius) = readings.recv() => {
                state.last_reading = Some(celsius);
                state.readings += 1;
            },
            else => break,
        }
        state.turns += 1;
    }
    state
}
// ANCHOR_END: select

/// Starts the thermostat; the task returns its final state once both channels are
/// closed.
pub fn spawn() -> (SensorHandle, PanelHandle, JoinHandle<Report>) {
    let (readings, reading_inbox) = mpsc::channel(8);
    let (commands, command_inbox) = mpsc::channel(8);
    let task = tokio::spawn(regulate(command_inbox, reading_inbox));
    (SensorHandle { readings }, PanelHandle { commands }, task)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (sensor, panel, task) = spawn();
    panel.set_target(21).await;
    sensor.reading(19).await;
    println!("{:?}", panel.report().await);
    drop(panel);
    // The command channel is closed; readings still arrive.
    sensor.reading(20).await;
    drop(sensor);
    println!("final state once both channels closed: {:?}", task.await.unwrap());
}
