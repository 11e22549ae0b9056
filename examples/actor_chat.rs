//! A chat room on the loopback interface, built from actors: one router actor that
//! knows who is in the room, and for every connection a reader task and a writer task
//! that do nothing but I/O. The server accepts a fixed number of clients; each client
//! says a few lines, waits until it has heard everyone else's, and leaves. Once the
//! last one has left, every task ends and the program exits. Run it: `cargo run
//! --example actor_chat`

// The example sets one field after Default on purpose: it shows the field being chosen.
#![allow(clippy::field_reassign_with_default)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Barrier, mpsc, oneshot};
use tokio::task::{AbortHandle, JoinHandle};

// ANCHOR: writer
/// The writer task of one connection: it owns the socket's write half and writes the
/// lines it is given, in order. When its channel closes it returns, and dropping the
/// write half sends the client an end-of-file.
async fn write_lines(mut socket: OwnedWriteHalf, mut lines: mpsc::Receiver<String>) {
    while let Some(line) = lines.recv().await {
        if socket.write_all(line.as_bytes()).await.is_err() {
            break;
        }
    }
}

/// The router's handle to one connection's writer task.
pub struct WriterHandle {
    lines: mpsc::Sender<String>,
    task: AbortHandle,
}

impl WriterHandle {
    pub fn spawn(socket: OwnedWriteHalf, capacity: usize) -> (WriterHandle, JoinHandle<()>) {
        let (lines, inbox) = mpsc::channel(capacity);
        let task = tokio::spawn(write_lines(socket, inbox));
        (WriterHandle { lines, task: task.abort_handle() }, task)
    }

    /// Queues a line without ever waiting; `false` when the writer's channel is full,
    /// that is, when the connection cannot keep up.
    pub fn try_deliver(&self, line: &str) -> bool {
        self.lines.try_send(line.to_string()).is_ok()
    }

    /// Closes the connection at once, dropping whatever is still queued.
    pub fn close(self) {
        self.task.abort();
    }
}
// ANCHOR_END: writer

// ANCHOR: router
/// What the connections tell the router.
enum Event {
    Joined { id: u64, writer: WriterHandle },
    Said { id: u64, text: String },
    Left { id: u64 },
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RouterReport {
    pub joined: u64,
    pub lines_routed: u64,
    pub deliveries: u64,
    pub closed_for_lagging: u64,
}

/// The router actor: owns the room (every member's writer handle) and never touches a
/// socket.
async fn route(mut events: mpsc::Receiver<Event>) -> RouterReport {
    let mut room: BTreeMap<u64, WriterHandle> = BTreeMap::new();
    let mut report = RouterReport::default();
    while let Some(event) = events.recv().await {
        match event {
            Event::Joined { id, writer } => {
                writer.try_deliver(&format!("welcome, client {id}\n"));
                room.insert(id, writer);
                report.joined += 1;
            }
            Event::Said { id, text } => {
                let line = format!("{id}: {text}\n");
                report.lines_routed += 1;
                let mut laggards = Vec::new();
                for (&member, writer) in &room {
                    if member == id {
                        continue;
                    }
                    if writer.try_deliver(&line) {
                        report.deliveries += 1;
                    } else {
                        laggards.push(member);
                    }
                }
                // The router never waits for a slow connection: it closes it.
                for member in laggards {
                    room.remove(&member).expect("a member of the room").close();
                    report.closed_for_lagging += 1;
                }
            }
            // Dropping the handle closes the writer's channel: it writes what is
            // queued, then ends.
            Event::Left { id } => drop(room.remove(&id)),
        }
    }
    report
}

#[derive(Clone)]
struct RouterHandle {
    events: mpsc::Sender<Event>,
}

impl RouterHandle {
    async fn tell(&self, event: Event) {
        let _ = self.events.send(event).await;
    }
}

/// The reader task of one connection: every line read from the socket goes to the
/// router.
async fn read_lines(id: u64, socket: OwnedReadHalf, router: RouterHandle) {
    let mut lines = BufReader::new(socket).lines();
    while let Ok(Some(text)) = lines.next_line().await {
        router.tell(Event::Said { id, text }).await;
    }
    router.tell(Event::Left { id }).await;
}
// ANCHOR_END: router

// ANCHOR: serve
/// Accepts `max_clients` connections, then stops listening. Returns once every
/// connection has been closed and every task of the service (router, readers,
/// writers) has ended.
pub async fn serve(listener: TcpListener, max_clients: u64, writer_capacity: usize) -> RouterReport {
    let (events, inbox) = mpsc::channel(32);
    let router_task = tokio::spawn(route(inbox));
    let router = RouterHandle { events };
    let mut connection_tasks = Vec::new();
    for id in 0..max_clients {
        let Ok((stream, _)) = listener.accept().await else { break };
        let (read_half, write_half) = stream.into_split();
        let (writer, writer_task) = WriterHandle::spawn(write_half, writer_capacity);
        router.tell(Event::Joined { id, writer }).await;
        connection_tasks.push(writer_task);
        connection_tasks.push(tokio::spawn(read_lines(id, read_half, router.clone())));
    }
    drop(listener);
    // From here on only the reader tasks hold router handles: when the last one ends,
    // so does the router.
    drop(router);
    for task in connection_tasks {
        let _ = task.await; // a writer closed for lagging ends as cancelled
    }
    router_task.await.expect("the router ends cleanly")
}
// ANCHOR_END: serve

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClientReport {
    pub welcomed: bool,
    pub lines_heard: u64,
}

/// A client: joins, waits until all `everyone` clients are in the room, says `lines`
/// lines, and reads until it has heard `expect` lines from the others. Then it
/// leaves: it closes its side and reads until the server closes the connection. With
/// `stay_until`, it waits for that signal first.
pub async fn client(addr: SocketAddr, everyone: Arc<Barrier>, lines: u64, expect: u64, stay_until: Option<oneshot::Receiver<()>>) -> ClientReport {
    let stream = TcpStream::connect(addr).await.expect("connect to the chat server on loopback");
    let (read_half, mut write_half) = stream.into_split();
    let mut incoming = BufReader::new(read_half).lines();
    let mut report = ClientReport::default();
    // The welcome line means the router has put this client in the room.
    report.welcomed = incoming.next_line().await.ok().flatten().is_some_and(|l| l.starts_with("welcome"));
    everyone.wait().await;
    for n in 0..lines {
        write_half.write_all(format!("line {n}\n").as_bytes()).await.expect("write to the server");
    }
    while report.lines_heard < expect {
        match incoming.next_line().await {
            Ok(Some(_)) => report.lines_heard += 1,
            _ => return report, // closed early: this client was too slow
        }
    }
    if let Some(signal) = stay_until {
        let _ = signal.await;
    }
    drop(write_half); // shuts down our side: the server's reader sees end-of-file
    while let Ok(Some(_)) = incoming.next_line().await {
        report.lines_heard += 1;
    }
    report
}

pub const CLIENTS: u64 = 4;
pub const LINES_EACH: u64 = 5;
pub const WRITER_CAPACITY: usize = 64;

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve(listener, CLIENTS, WRITER_CAPACITY));
    let everyone = Arc::new(Barrier::new(CLIENTS as usize));
    let expect = (CLIENTS - 1) * LINES_EACH;
    let clients: Vec<_> = (0..CLIENTS).map(|_| tokio::spawn(client(addr, everyone.clone(), LINES_EACH, expect, None))).collect();
    for (n, c) in clients.into_iter().enumerate() {
        println!("client {n}: {:?}", c.await.unwrap());
    }
    println!("server on {addr} stopped: {:?}", server.await.unwrap());
}
