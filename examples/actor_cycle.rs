//! Actors that talk to actors: relays that pass batons around a ring. A ring is a
//! cycle of channels, and a cycle can keep its actors alive forever or deadlock them;
//! this file has the ring and the ways out. Run it: `cargo run --example actor_cycle`
//! (on paused time, so the deadlock it shows is detected at once).

use std::time::Duration;
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: relay
/// A baton travels from relay to relay; it is finished when no hops are left.
#[derive(Debug)]
pub struct Baton {
    pub id: u64,
    pub hops_left: u32,
}

/// What became of a baton, reported to whoever watches the ring.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Finished(u64),
    Lost(u64),
}

/// How a relay hands a baton to the next relay.
#[derive(Clone, Copy, Debug)]
pub enum Pass {
    /// `send(…).await`: waits while the next inbox is full.
    Wait,
    /// `try_send(…)`: never waits; a full inbox loses the baton.
    DropWhenFull,
}

/// A relay: takes batons from its inbox and passes them on until they have no hops
/// left. With `next = None` it is the end of the line and finishes every baton it
/// gets.
pub async fn relay(mut inbox: mpsc::Receiver<Baton>, next: Option<mpsc::Sender<Baton>>, pass: Pass, outcomes: mpsc::UnboundedSender<Outcome>) {
    while let Some(baton) = inbox.recv().await {
        if !pass_on(baton, next.as_ref(), pass, &outcomes).await {
            break; // the next relay is gone
        }
    }
}

/// Hands one baton on; `false` when the next relay's inbox is closed.
async fn pass_on(baton: Baton, next: Option<&mpsc::Sender<Baton>>, pass: Pass, outcomes: &mpsc::UnboundedSender<Outcome>) -> bool {
    let next = match next {
        Some(next) if baton.hops_left > 0 => next,
        _ => {
            let _ = outcomes.send(Outcome::Finished(baton.id));
            return true;
        }
    };
    let baton = Baton { id: baton.id, hops_left: baton.hops_left - 1 };
    match pass {
        Pass::Wait => next.send(baton).await.is_ok(),
        Pass::DropWhenFull => match next.try_send(baton) {
            Ok(()) => true,
            Err(TrySendError::Full(baton)) => {
                let _ = outcomes.send(Outcome::Lost(baton.id));
                true
            }
            Err(TrySendError::Closed(_)) => false,
        },
    }
}
// ANCHOR_END: relay

/// Two relays and the channels between them. `entry` is the outside's handle to relay
/// A.
pub struct Pair {
    pub entry: mpsc::Sender<Baton>,
    pub outcomes: mpsc::UnboundedReceiver<Outcome>,
    pub a: JoinHandle<()>,
    pub b: JoinHandle<()>,
}

// ANCHOR: ring
/// A ring: A passes to B and B passes back to A, each inbox holding `capacity`
/// batons. Each relay owns a sender into the other's inbox, so the channels form a
/// cycle.
pub fn ring(capacity: usize, b_passes: Pass) -> Pair {
    let (to_a, a_inbox) = mpsc::channel(capacity);
    let (to_b, b_inbox) = mpsc::channel(capacity);
    let (report, outcomes) = mpsc::unbounded_channel();
    let a = tokio::spawn(relay(a_inbox, Some(to_b), Pass::Wait, report.clone()));
    let b = tokio::spawn(relay(b_inbox, Some(to_a.clone()), b_passes, report));
    Pair { entry: to_a, outcomes, a, b }
}
// ANCHOR_END: ring

/// A chain: A passes to B, and B is the end of the line. No cycle.
pub fn chain(capacity: usize) -> Pair {
    let (to_a, a_inbox) = mpsc::channel(capacity);
    let (to_b, b_inbox) = mpsc::channel(capacity);
    let (report, outcomes) = mpsc::unbounded_channel();
    let a = tokio::spawn(relay(a_inbox, Some(to_b), Pass::Wait, report.clone()));
    let b = tokio::spawn(relay(b_inbox, None, Pass::Wait, report));
    Pair { entry: to_a, outcomes, a, b }
}

// ANCHOR: exit
/// Relay A with two inboxes: one for the outside, one for the ring. When the outside
/// channel closes, the loop ends even though the ring channel is still open, and that
/// breaks the cycle.
pub async fn relay_with_exit(
    mut outside: mpsc::Receiver<Baton>,
    mut from_ring: mpsc::Receiver<Baton>,
    next: mpsc::Sender<Baton>,
    outcomes: mpsc::UnboundedSender<Outcome>,
) {
    loop {
        let baton = tokio::select! {
            from_outside = outside.recv() => match from_outside {
                Some(baton) => baton,
                None => break, // the outside is gone: stop, and drop `next`
            },
            Some(baton) = from_ring.recv() => baton,
        };
        if !pass_on(baton, Some(&next), Pass::Wait, &outcomes).await {
            break;
        }
    }
}
// ANCHOR_END: exit

/// The ring again, with relay A built by `relay_with_exit`.
pub fn ring_with_exit(capacity: usize) -> Pair {
    let (entry, outside) = mpsc::channel(capacity);
    let (to_a, a_inbox) = mpsc::channel(capacity);
    let (to_b, b_inbox) = mpsc::channel(capacity);
    let (report, outcomes) = mpsc::unbounded_channel();
    let a = tokio::spawn(relay_with_exit(outside, a_inbox, to_b, report.clone()));
    let b = tokio::spawn(relay(b_inbox, Some(to_a), Pass::Wait, report));
    Pair { entry, outcomes, a, b }
}

// ANCHOR: ask
/// A question from relay A to relay B; B's answer comes back on the oneshot channel.
pub struct Ask {
    baton: Baton,
    reply: oneshot::Sender<Baton>,
}

/// Relay A of a ring whose way back is a oneshot reply: A asks B and waits for the
/// answer.
pub async fn asking_relay(mut inbox: mpsc::Receiver<Baton>, to_b: mpsc::Sender<Ask>, outcomes: mpsc::UnboundedSender<Outcome>) {
    while let Some(mut baton) = inbox.recv().await {
        while baton.hops_left > 0 {
            let (reply, answer) = oneshot::channel();
            let ask = Ask { baton: Baton { id: baton.id, hops_left: baton.hops_left - 1 }, reply };
            if to_b.send(ask).await.is_err() {
                return;
            }
            baton = match answer.await {
                Ok(baton) => baton,
                Err(_) => return,
            };
        }
        let _ = outcomes.send(Outcome::Finished(baton.id));
    }
}

/// Relay B answers every question at once: a oneshot `send` never waits.
pub async fn answering_relay(mut inbox: mpsc::Receiver<Ask>) {
    while let Some(Ask { baton, reply }) = inbox.recv().await {
        let _ = reply.send(Baton { id: baton.id, hops_left: baton.hops_left.saturating_sub(1) });
    }
}
// ANCHOR_END: ask

/// The ring with oneshot replies on the way back.
pub fn ring_with_replies(capacity: usize) -> Pair {
    let (entry, a_inbox) = mpsc::channel(capacity);
    let (to_b, b_inbox) = mpsc::channel(capacity);
    let (report, outcomes) = mpsc::unbounded_channel();
    let a = tokio::spawn(asking_relay(a_inbox, to_b, report));
    let b = tokio::spawn(answering_relay(b_inbox));
    Pair { entry, outcomes, a, b }
}

/// What became of a run: batons the outside got into the ring, and their outcomes.
#[derive(Debug, Default)]
pub struct Run {
    pub injected: u64,
    pub finished: u64,
    pub lost: u64,
    /// Whether every baton was accounted for before the (virtual) deadline.
    pub completed: bool,
}

/// Puts `batons` batons of `hops` hops into the pair and waits for all of them to be
/// finished or lost, giving up after `patience`. Under paused time the clock only
/// moves once no task can make progress, so giving up means nothing could move any
/// more: a deadlock.
pub async fn run_batons(pair: &mut Pair, batons: u64, hops: u32, patience: Duration) -> Run {
    let mut run = Run::default();
    let work = async {
        for id in 0..batons {
            if pair.entry.send(Baton { id, hops_left: hops }).await.is_err() {
                break;
            }
            run.injected += 1;
        }
        while run.finished + run.lost < batons {
            match pair.outcomes.recv().await {
                Some(Outcome::Finished(_)) => run.finished += 1,
                Some(Outcome::Lost(_)) => run.lost += 1,
                None => break,
            }
        }
    };
    let completed = tokio::time::timeout(patience, work).await.is_ok();
    Run { completed, ..run }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let patience = Duration::from_secs(60);
    let mut pair = ring(1, Pass::Wait);
    println!("ring of capacity 1, 3 batons of 10 hops: {:?}", run_batons(&mut pair, 3, 10, patience).await);
    let mut pair = ring(1, Pass::Wait);
    println!("ring of capacity 1, 4 batons of 10 hops: {:?}", run_batons(&mut pair, 4, 10, patience).await);
    let mut pair = ring(1, Pass::DropWhenFull);
    println!("the same, B uses try_send: {:?}", run_batons(&mut pair, 4, 10, patience).await);
    let mut pair = ring_with_replies(1);
    println!("the same, B answers on oneshot channels: {:?}", run_batons(&mut pair, 4, 10, patience).await);
}
