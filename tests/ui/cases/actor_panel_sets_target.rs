// Two handle types for one actor: the panel handle sends the command. Compiles.
use tokio::sync::mpsc;

pub enum Command {
    SetTarget(i32),
}

/// Sensors may only report readings.
pub struct SensorHandle {
    readings: mpsc::Sender<i32>,
}

/// The control panel may send commands.
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
}

// ANCHOR: lesson
async fn panel_task(sensor: SensorHandle, panel: PanelHandle) {
    sensor.reading(19).await;
    panel.set_target(30).await;
}
// ANCHOR_END: lesson

fn main() {
    let (readings, mut r) = mpsc::channel(8);
    let (commands, mut c) = mpsc::channel(8);
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    rt.block_on(panel_task(SensorHandle { readings }, PanelHandle { commands }));
    assert_eq!(r.try_recv().ok(), Some(19));
    assert!(matches!(c.try_recv(), Ok(Command::SetTarget(30))));
}
