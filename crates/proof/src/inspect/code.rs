//! Decoding a function's machine code: the calls and tail jumps out of it, each resolved to its target
//! through the GOT, a PLT stub or a relocation, and its disassembly.

use super::*;

impl Artifact {
    /// Every call and tail jump out of `f`'s body, in address order.
    pub fn calls(&self, f: &Function) -> Vec<Call> {
        let code =
            self.bytes(f.address, f.size).unwrap_or_else(|| panic!("proof: {}: no code for `{}` at {:#x}", self.path.display(), f.name, f.address));
        let inside = |a: u64| a >= f.address && a < f.address + f.size;
        let mut out = Vec::new();
        let mut decoder = Decoder::with_ip(64, code, f.address, DecoderOptions::NONE);
        let mut ins = Instruction::default();
        while decoder.can_decode() {
            decoder.decode_out(&mut ins);
            let at = ins.ip();
            let is_call = ins.mnemonic() == Mnemonic::Call;
            let is_jump = ins.mnemonic() == Mnemonic::Jmp || is_jcc(ins.mnemonic());
            if !is_call && !is_jump {
                continue;
            }
            match ins.op0_kind() {
                OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16 => {
                    let target = ins.near_branch_target();
                    if is_call {
                        match self.through_plt(target) {
                            Some(slot) => out.push(self.call_to_slot(at, slot, Via::Plt)),
                            None => out.push(Call { at, target: Some(target), names: self.names_at(target), via: Via::Direct }),
                        }
                    } else if !inside(target) {
                        if let Some(slot) = self.through_plt(target) {
                            out.push(Call { via: Via::TailJump, ..self.call_to_slot(at, slot, Via::TailJump) });
                        } else if self.names_at.contains_key(&target) {
                            out.push(Call { at, target: Some(target), names: self.names_at(target), via: Via::TailJump });
                        }
                    }
                }
                OpKind::Memory if ins.is_ip_rel_memory_operand() => {
                    let slot = ins.ip_rel_memory_address();
                    let via = if is_call { Via::Got } else { Via::TailJump };
                    let call = self.call_to_slot(at, slot, via);
                    if is_call || call.target.is_some() || !call.names.is_empty() {
                        out.push(call);
                    }
                }
                _ if is_call => out.push(Call { at, target: None, names: Vec::new(), via: Via::Indirect }),
                // An indirect jump (a jump table, `jmp *%rax`) is control flow inside the function as far
                // as can be told statically.
                _ => {}
            }
        }
        out
    }

    /// `f`'s machine code in Intel syntax, normalized so that it reads the same in every build of the same
    /// code: each line starts with the instruction's offset in the function (`+1c`); a branch inside the
    /// function names the offset it goes to; a call or jump to a function names it (demangled, without
    /// hash; `name@plt` through a PLT stub); a memory operand in a GOT slot names what the slot holds
    /// (`name@GOT`); any other address names its section (`<.rodata>`), never a number.
    pub fn disassembly(&self, f: &Function) -> String {
        let code =
            self.bytes(f.address, f.size).unwrap_or_else(|| panic!("proof: {}: no code for `{}` at {:#x}", self.path.display(), f.name, f.address));
        let decode = || {
            let mut decoder = Decoder::with_ip(64, code, f.address, DecoderOptions::NONE);
            let mut all = Vec::new();
            while decoder.can_decode() {
                all.push(decoder.decode());
            }
            all
        };
        let instructions = decode();
        // Every address an operand refers to, named once.
        let mut names: HashMap<u64, String> = HashMap::new();
        for ins in &instructions {
            let mut addresses = Vec::new();
            if matches!(ins.op0_kind(), OpKind::NearBranch64 | OpKind::NearBranch32 | OpKind::NearBranch16) {
                addresses.push(ins.near_branch_target());
            }
            if ins.is_ip_rel_memory_operand() {
                addresses.push(ins.ip_rel_memory_address());
            }
            for a in addresses {
                names.entry(a).or_insert_with(|| self.name_for_address(a, f));
            }
        }
        struct Names(HashMap<u64, String>);
        impl SymbolResolver for Names {
            fn symbol(&mut self, ins: &Instruction, _operand: u32, op: Option<u32>, address: u64, _size: u32) -> Option<SymbolResult<'_>> {
                let is_immediate = op.is_some_and(|o| {
                    matches!(
                        ins.op_kind(o),
                        OpKind::Immediate8
                            | OpKind::Immediate16
                            | OpKind::Immediate32
                            | OpKind::Immediate64
                            | OpKind::Immediate8to16
                            | OpKind::Immediate8to32
                            | OpKind::Immediate8to64
                            | OpKind::Immediate32to64
                            | OpKind::Immediate8_2nd
                    )
                });
                if is_immediate {
                    return None;
                }
                self.0.get(&address).map(|n| SymbolResult::with_string(address, n.clone()))
            }
        }
        let mut formatter = IntelFormatter::with_options(Some(Box::new(Names(names))), None);
        formatter.options_mut().set_rip_relative_addresses(false);
        formatter.options_mut().set_space_after_operand_separator(true);
        formatter.options_mut().set_hex_prefix("0x");
        formatter.options_mut().set_hex_suffix("");
        formatter.options_mut().set_uppercase_hex(false);
        formatter.options_mut().set_show_branch_size(false);
        let mut out = String::new();
        for ins in &instructions {
            let mut text = String::new();
            formatter.format(ins, &mut text);
            out.push_str(&format!("+{:<4x} {text}\n", ins.ip() - f.address));
        }
        out
    }

    /// How an address a function refers to is shown in [`Artifact::disassembly`].
    fn name_for_address(&self, a: u64, f: &Function) -> String {
        if a >= f.address && a < f.address + f.size {
            return format!("+{:x}", a - f.address);
        }
        if let Some(first) = self.names_at.get(&a).and_then(|n| n.iter().next()) {
            return first.clone();
        }
        let slot_name = |slot: u64| match self.slot_target(slot) {
            Some(SlotTarget::Address(t)) => self.names_at.get(&t).and_then(|n| n.iter().next().cloned()),
            Some(SlotTarget::Import(name)) => Some(name),
            None => None,
        };
        if let Some(slot) = self.through_plt(a)
            && let Some(name) = slot_name(slot)
        {
            return format!("{name}@plt");
        }
        if self.slots.contains_key(&a)
            && let Some(name) = slot_name(a)
        {
            return format!("{name}@GOT");
        }
        match self.section_names.iter().find(|&&(s, l, _)| a >= s && a < s + l) {
            Some((_, _, name)) => format!("<{name}>"),
            None => "<unknown>".to_string(),
        }
    }

    /// How many calls (and tail jumps) out of `f` reach a function named `callee_path` (or an instance of
    /// it, in either symbol mangling: [`Call::reaches`]).
    pub fn calls_to(&self, f: &Function, callee_path: &str) -> usize {
        self.calls(f).iter().filter(|c| c.reaches(callee_path)).count()
    }

    /// A call whose target is read from the GOT slot at `slot`.
    fn call_to_slot(&self, at: u64, slot: u64, via: Via) -> Call {
        match self.slot_target(slot) {
            Some(SlotTarget::Address(a)) => Call { at, target: Some(a), names: self.names_at(a), via },
            Some(SlotTarget::Import(name)) => Call { at, target: None, names: vec![name], via },
            None => Call { at, target: None, names: Vec::new(), via },
        }
    }

    /// What the slot holds at run time: its dynamic relocation, else its contents in the file.
    fn slot_target(&self, slot: u64) -> Option<SlotTarget> {
        if let Some(t) = self.slots.get(&slot) {
            return Some(t.clone());
        }
        let bytes = self.bytes(slot, 8)?;
        let value = u64::from_le_bytes(bytes.try_into().ok()?);
        (value != 0).then_some(SlotTarget::Address(value))
    }

    /// If `address` is in a PLT section: the GOT slot that the stub there jumps through.
    fn through_plt(&self, address: u64) -> Option<u64> {
        if !self.plt.iter().any(|&(start, size)| address >= start && address < start + size) {
            return None;
        }
        // A stub is `[endbr64] [bnd] jmp *slot(%rip)` followed by lazy-binding code: read a few instructions.
        let code = self.bytes_upto(address, 32)?;
        let mut decoder = Decoder::with_ip(64, code, address, DecoderOptions::NONE);
        let mut ins = Instruction::default();
        for _ in 0..4 {
            if !decoder.can_decode() {
                break;
            }
            decoder.decode_out(&mut ins);
            if ins.mnemonic() == Mnemonic::Jmp && ins.op0_kind() == OpKind::Memory && ins.is_ip_rel_memory_operand() {
                return Some(ins.ip_rel_memory_address());
            }
        }
        None
    }
}

/// A conditional jump (`jcc`): LLVM may turn a conditional call in tail position into one.
fn is_jcc(m: Mnemonic) -> bool {
    use Mnemonic::*;
    matches!(m, Ja | Jae | Jb | Jbe | Je | Jg | Jge | Jl | Jle | Jne | Jno | Jnp | Jns | Jo | Jp | Js)
}
