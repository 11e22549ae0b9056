// Two handle types for one actor: a sensor handle tries to send a command. Does not compile.
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
async fn sensor_task(sensor: SensorHandle) {
    sensor.reading(19).await;
    sensor.set_target(30).await;
}
// ANCHOR_END: lesson

fn main() {
    let (readings, _r) = mpsc::channel(8);
    let (commands, _c) = mpsc::channel(8);
    let _panel = PanelHandle { commands };
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    rt.block_on(sensor_task(SensorHandle { readings }));
}
