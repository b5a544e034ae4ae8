;;; xmap-mode.el --- Major mode for MapDsl .xmap files, served by the MapDsl language server  -*- lexical-binding: t; -*-

;; A minimal mode (comments, keywords, declared names, numbers) and the eglot entry that starts
;; `mapdsl-lsp --stdio' for it. Load it from your init file:
;;   (load "/path/to/mapdsl/editors/emacs/xmap-mode.el")
;; then run M-x eglot in an .xmap buffer, or (add-hook 'xmap-mode-hook #'eglot-ensure).
;; editors/clients/emacs/test.el drives the language server through this file in CI.

;;; Code:

(defvar xmap-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?/ ". 12" table)   ; // starts a comment ...
    (modify-syntax-entry ?\n ">" table)     ; ... that ends with the line
    (modify-syntax-entry ?- "_" table)      ; stuck-on, two-column: one symbol
    (modify-syntax-entry ?_ "_" table)
    table))

(defconst xmap-font-lock-keywords
  `((,(regexp-opt '("namespace" "crossbar" "systolic" "network" "pruning" "mapping" "faults") 'symbols)
     . font-lock-keyword-face)
    ("\\_<\\(?:crossbar\\|systolic\\|network\\|pruning\\|mapping\\|faults\\)\\_>\\s-+\\([A-Za-z_][A-Za-z0-9_]*\\)"
     1 font-lock-type-face)
    (,(regexp-opt '("size" "levels" "conductance" "input" "conv" "dense" "relu" "maxpool" "avgpool"
                    "global-avgpool" "flatten" "batchnorm" "dropout" "residual" "shortcut" "scheme"
                    "quantize" "stuck-on" "stuck-off" "bit-flip" "pe" "kernel" "pad" "stride" "for" "of" "bit")
                  'symbols)
     . font-lock-builtin-face)
    (,(regexp-opt '("two-column" "differential" "offset" "weight-stationary" "none" "unstructured" "rows"
                    "columns" "blocks" "pattern" "n:m" "symmetric" "asymmetric" "signed" "unsigned"
                    "truncate" "round" "robust" "clip" "biases")
                  'symbols)
     . font-lock-constant-face)
    ("\\_<[0-9]+\\(?:\\.[0-9]+\\)?\\(?:%\\|[mun]?S\\)?" . font-lock-constant-face)))

(define-derived-mode xmap-mode prog-mode "xmap"
  "Major mode for MapDsl .xmap files."
  :syntax-table xmap-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local font-lock-defaults '(xmap-font-lock-keywords)))

(add-to-list 'auto-mode-alist '("\\.xmap\\'" . xmap-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(xmap-mode . ("mapdsl-lsp" "--stdio"))))

(provide 'xmap-mode)

;;; xmap-mode.el ends here
