;; The dense Cholesky's inner kernel (dense-cholesky.ts), in WebAssembly with 128-bit SIMD: the
;; rater model factors a matrix of a few hundred rows at every REML evaluation, and these dot
;; products are nearly all of that cost. JavaScript has no SIMD; here each product runs on two k at
;; once (f64x2), with eight accumulators for a block of four rows against two earlier rows: ~4 ms
;; -> ~1 ms for the 304-row factor of the bench's database (#16).
;; Assembled by `npx tsx tests/support/build-cholesky-kernel.ts` into cholesky-kernel-bytes.ts;
;; tests/unit/calibration/cholesky-kernel.test.ts checks that the committed bytes are this file's.
;;
;; block4(m, i), i even (dense-cholesky.ts calls it for i = 0, 4, 8, ..., with i + 3 < m): the
;; row-major m x m matrix starts at byte 0 of the memory; rows 0..i-1 hold their
;; factor L already. For the rows i..i+3 it computes every entry below their diagonal block, a column
;; pair (j, j + 1) at a time for even j with j + 1 < i (Cholesky-Banachiewicz; Golub & Van Loan,
;; Matrix Computations, 4th ed., Section 4.2): L_rj = (A_rj - sum_k<j L_rk L_jk) / L_jj. Each
;; sum is accumulated in two lanes (even and odd k) added at the end; column j + 1's sum lacks only
;; its k = j term, L_rj L_(j+1)j, taken off with the new L_rj.
(module
  (memory (export "memory") 1)
  (func (export "block4") (param $m i32) (param $i i32)
    (local $j i32) (local $k i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $c0 i32) (local $c1 i32) (local $rowBytes i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $x v128) (local $y0 v128) (local $y1 v128)
    (local $t00 f64) (local $t01 f64) (local $t10 f64) (local $t11 f64)
    (local $t20 f64) (local $t21 f64) (local $t30 f64) (local $t31 f64)
    (local $d0 f64) (local $below f64) (local $d1 f64)
    (local $l0 f64) (local $l1 f64) (local $l2 f64) (local $l3 f64)
    (local $end i32)
    (local.set $rowBytes (i32.shl (local.get $m) (i32.const 3)))
    (local.set $r0 (i32.mul (local.get $i) (local.get $rowBytes)))
    (local.set $r1 (i32.add (local.get $r0) (local.get $rowBytes)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $rowBytes)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $rowBytes)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_s (i32.add (local.get $j) (i32.const 1)) (local.get $i)))
        (local.set $c0 (i32.mul (local.get $j) (local.get $rowBytes)))
        (local.set $c1 (i32.add (local.get $c0) (local.get $rowBytes)))
        (local.set $s00 (v128.const f64x2 0 0)) (local.set $s01 (v128.const f64x2 0 0))
        (local.set $s10 (v128.const f64x2 0 0)) (local.set $s11 (v128.const f64x2 0 0))
        (local.set $s20 (v128.const f64x2 0 0)) (local.set $s21 (v128.const f64x2 0 0))
        (local.set $s30 (v128.const f64x2 0 0)) (local.set $s31 (v128.const f64x2 0 0))
        ;; k from 0 to j (even), two at a time (byte offsets)
        (local.set $k (i32.const 0))
        (local.set $end (i32.shl (local.get $j) (i32.const 3)))
        (block $kdone
          (loop $ks
            (br_if $kdone (i32.ge_u (local.get $k) (local.get $end)))
            (local.set $y0 (v128.load (i32.add (local.get $c0) (local.get $k))))
            (local.set $y1 (v128.load (i32.add (local.get $c1) (local.get $k))))
            (local.set $x (v128.load (i32.add (local.get $r0) (local.get $k))))
            (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x) (local.get $y0))))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x) (local.get $y1))))
            (local.set $x (v128.load (i32.add (local.get $r1) (local.get $k))))
            (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x) (local.get $y0))))
            (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x) (local.get $y1))))
            (local.set $x (v128.load (i32.add (local.get $r2) (local.get $k))))
            (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x) (local.get $y0))))
            (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $x) (local.get $y1))))
            (local.set $x (v128.load (i32.add (local.get $r3) (local.get $k))))
            (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x) (local.get $y0))))
            (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $x) (local.get $y1))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $ks)))
        (local.set $t00 (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
        (local.set $t01 (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
        (local.set $t10 (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
        (local.set $t11 (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
        (local.set $t20 (f64.add (f64x2.extract_lane 0 (local.get $s20)) (f64x2.extract_lane 1 (local.get $s20))))
        (local.set $t21 (f64.add (f64x2.extract_lane 0 (local.get $s21)) (f64x2.extract_lane 1 (local.get $s21))))
        (local.set $t30 (f64.add (f64x2.extract_lane 0 (local.get $s30)) (f64x2.extract_lane 1 (local.get $s30))))
        (local.set $t31 (f64.add (f64x2.extract_lane 0 (local.get $s31)) (f64x2.extract_lane 1 (local.get $s31))))
        ;; column j, then column j + 1 (its sums lack the k = j term); $end is j's byte offset
        (local.set $d0 (f64.load (i32.add (local.get $c0) (local.get $end))))
        (local.set $below (f64.load (i32.add (local.get $c1) (local.get $end))))
        (local.set $d1 (f64.load (i32.add (i32.add (local.get $c1) (local.get $end)) (i32.const 8))))
        (local.set $l0 (f64.div (f64.sub (f64.load (i32.add (local.get $r0) (local.get $end))) (local.get $t00)) (local.get $d0)))
        (local.set $l1 (f64.div (f64.sub (f64.load (i32.add (local.get $r1) (local.get $end))) (local.get $t10)) (local.get $d0)))
        (local.set $l2 (f64.div (f64.sub (f64.load (i32.add (local.get $r2) (local.get $end))) (local.get $t20)) (local.get $d0)))
        (local.set $l3 (f64.div (f64.sub (f64.load (i32.add (local.get $r3) (local.get $end))) (local.get $t30)) (local.get $d0)))
        (f64.store (i32.add (local.get $r0) (local.get $end)) (local.get $l0))
        (f64.store (i32.add (local.get $r1) (local.get $end)) (local.get $l1))
        (f64.store (i32.add (local.get $r2) (local.get $end)) (local.get $l2))
        (f64.store (i32.add (local.get $r3) (local.get $end)) (local.get $l3))
        (f64.store offset=8 (i32.add (local.get $r0) (local.get $end))
          (f64.div (f64.sub (f64.sub (f64.load offset=8 (i32.add (local.get $r0) (local.get $end))) (local.get $t01)) (f64.mul (local.get $l0) (local.get $below))) (local.get $d1)))
        (f64.store offset=8 (i32.add (local.get $r1) (local.get $end))
          (f64.div (f64.sub (f64.sub (f64.load offset=8 (i32.add (local.get $r1) (local.get $end))) (local.get $t11)) (f64.mul (local.get $l1) (local.get $below))) (local.get $d1)))
        (f64.store offset=8 (i32.add (local.get $r2) (local.get $end))
          (f64.div (f64.sub (f64.sub (f64.load offset=8 (i32.add (local.get $r2) (local.get $end))) (local.get $t21)) (f64.mul (local.get $l2) (local.get $below))) (local.get $d1)))
        (f64.store offset=8 (i32.add (local.get $r3) (local.get $end))
          (f64.div (f64.sub (f64.sub (f64.load offset=8 (i32.add (local.get $r3) (local.get $end))) (local.get $t31)) (f64.mul (local.get $l3) (local.get $below))) (local.get $d1)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $columns)))
  )
)
